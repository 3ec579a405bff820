// Two jobs update one shared tally. Each takes the lock, does a little
// async work, then adds its share. They run concurrently on one thread.
use tokio::sync::Mutex;
use std::time::Duration;

async fn fetch_score(job: &str) -> u32 {
    tokio::time::sleep(Duration::from_millis(10)).await;
    job.len() as u32
}

async fn add_score(tally: &Mutex<u32>, job: &str) {
    let mut total = tally.lock().await;
    let score = fetch_score(job).await;
    *total += score;
    println!("{job} added {score}");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let tally = Mutex::new(0);
    tokio::join!(add_score(&tally, "ingest"), add_score(&tally, "report"));
    println!("tally: {}", tally.lock().await);
}
