// cmp-send-drop: drop(guard) of a guard never used before an .await.
// rustc 1.63 rejects it; rustc 1.95 accepts it (and still rejects the
// used guard of snippets/send-drop).
use std::sync::{Arc, Mutex};
use std::time::Duration;

async fn other() {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

async fn record(m: Arc<Mutex<u32>>) {
    let g = m.lock().unwrap();
    drop(g);
    other().await;
}

#[tokio::main]
async fn main() {
    let m = Arc::new(Mutex::new(0));
    tokio::spawn(record(m.clone())).await.unwrap();
    println!("{}", m.lock().unwrap());
}
