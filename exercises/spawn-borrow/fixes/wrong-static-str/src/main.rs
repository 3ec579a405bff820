// Starts a background task that greets every new member of a channel.
use tokio::sync::mpsc;

async fn welcome_all(greeting: &'static str, mut joins: mpsc::Receiver<String>) {
    let task = tokio::spawn(async move {
        while let Some(name) = joins.recv().await {
            println!("{greeting}, {name}!");
        }
    });
    task.await.unwrap();
}

#[tokio::main]
async fn main() {
    let (tx, rx) = mpsc::channel(4);
    for name in ["ana", "bo"] {
        tx.send(name.to_string()).await.unwrap();
    }
    drop(tx);
    welcome_all("welcome", rx).await;
}
