// Two jobs update one shared tally. Each does a little async work, then
// adds its share. They run concurrently on one thread.
use std::sync::Mutex;
use std::time::Duration;

async fn fetch_score(job: &str) -> u32 {
    tokio::time::sleep(Duration::from_millis(10)).await;
    job.len() as u32
}

async fn add_score(tally: &Mutex<u32>, job: &str) {
    // Do the awaiting first, and hold the std lock only for the update,
    // with no `.await` inside. Before, the first job held the lock while it
    // slept; the second then blocked the only thread in `lock()`, so the
    // first could never wake up to release it. A blocking lock is fine in
    // async code as long as the guard never lives across an await.
    // (`tokio::sync::Mutex` also works: its `lock().await` yields instead
    // of blocking the thread.)
    let score = fetch_score(job).await;
    *tally.lock().unwrap() += score;
    println!("{job} added {score}");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let tally = Mutex::new(0);
    tokio::join!(add_score(&tally, "ingest"), add_score(&tally, "report"));
    println!("tally: {}", tally.lock().unwrap());
}
