// Three workers each measure one server and send the result to a
// collector, which prints the slowest once all results are in.
use tokio::sync::mpsc;

async fn measure(server: u32) -> u32 {
    tokio::task::yield_now().await;
    server * 7 % 10
}

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::channel(8);
    for server in 1..=3 {
        let tx = tx.clone();
        tokio::spawn(async move {
            let ms = measure(server).await;
            tx.send((server, ms)).await.unwrap();
        });
    }

    let mut slowest = (0, 0);
    while let Some((server, ms)) = rx.recv().await {
        println!("server {server}: {ms} ms");
        if ms > slowest.1 {
            slowest = (server, ms);
        }
        if server == 3 {
            break;
        }
    }
    println!("slowest: server {}", slowest.0);
}
