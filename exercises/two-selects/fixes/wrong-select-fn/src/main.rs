// Waits for a reply, but not for ever: the reply races a deadline. The
// select! here is the futures crate's, copied from its docs; the futures
// raced are tokio's.
use std::time::Duration;
use tokio::sync::oneshot;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, rx) = oneshot::channel();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(10)).await;
        let _ = tx.send("pong");
    });
    let deadline = tokio::time::sleep(Duration::from_millis(500));
    match futures::future::select(rx, deadline).await {
        futures::future::Either::Left((reply, _)) => println!("reply: {}", reply.unwrap()),
        futures::future::Either::Right(_) => println!("no reply in time"),
    }
}
