// stories/aws-engineer-juggling-error-handling.md: `?` on the Vec of
// results that join_all gives back.
use futures::future::join_all;

#[derive(Debug)]
pub struct SendError;

async fn send(n: u32) -> Result<(), SendError> {
    if n < 10 {
        Ok(())
    } else {
        Err(SendError)
    }
}

async fn send_all() -> Result<(), SendError> {
    let sends = (0..3).map(send);
    let results: Vec<Result<(), SendError>> = join_all(sends).await;
    results?;
    Ok(())
}

#[tokio::main]
async fn main() {
    println!("{:?}", send_all().await);
}
