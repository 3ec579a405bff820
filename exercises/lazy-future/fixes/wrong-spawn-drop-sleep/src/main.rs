// Notify three users that their export is ready, then report.
use std::time::Duration;

async fn notify(user: &str) {
    tokio::time::sleep(Duration::from_millis(10)).await;
    println!("notified {user}");
}

#[tokio::main]
async fn main() {
    for user in ["ada", "brendan", "chidi"] {
        // In C# or JavaScript, calling an async function starts it.
        tokio::spawn(notify(user));
    }
    println!("all users notified");
}
