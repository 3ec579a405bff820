// Notify three users that their export is ready, then report.
use std::time::Duration;

async fn notify(user: &str) {
    tokio::time::sleep(Duration::from_millis(10)).await;
    println!("notified {user}");
}

#[tokio::main]
async fn main() {
    for user in ["ada", "brendan", "chidi"] {
        // A Rust future is inert: calling `notify` only builds it, and
        // dropping it unpolled means its body never runs. The compiler's
        // only clue was an "unused implementer of Future" warning. Await it
        // (or hand it to `tokio::spawn` and await the handle later if the
        // three should run at the same time).
        notify(user).await;
    }
    println!("all users notified");
}
