// Waits for a reply, but not for ever: the reply races a deadline. The
// select! is tokio's, made for the futures it races.
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
    // Two select! macros, two contracts. The futures crate's wants fused
    // futures it can poll in place (FusedFuture + Unpin), so that a loop
    // may select on them again; tokio's takes any future and pins it
    // itself, and drops the branches that lose.
    tokio::select! {
        reply = rx => println!("reply: {}", reply.unwrap()),
        _ = deadline => println!("no reply in time"),
    }
}
