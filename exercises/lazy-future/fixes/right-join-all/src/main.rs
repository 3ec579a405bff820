// Notify three users that their export is ready, then report.
use std::time::Duration;

async fn notify(user: &str) {
    tokio::time::sleep(Duration::from_millis(10)).await;
    println!("notified {user}");
}

#[tokio::main]
async fn main() {
    // All three at once: join_all polls every future until all are done.
    futures::future::join_all(["ada", "brendan", "chidi"].map(notify)).await;
    println!("all users notified");
}
