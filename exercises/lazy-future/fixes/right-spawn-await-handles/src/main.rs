// Notify three users that their export is ready, then report.
use std::time::Duration;

async fn notify(user: &str) {
    tokio::time::sleep(Duration::from_millis(10)).await;
    println!("notified {user}");
}

#[tokio::main]
async fn main() {
    let mut handles = Vec::new();
    for user in ["ada", "brendan", "chidi"] {
        handles.push(tokio::spawn(notify(user)));
    }
    for h in handles {
        h.await.unwrap();
    }
    println!("all users notified");
}
