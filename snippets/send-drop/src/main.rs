// drop(guard) before an .await: rustc still counts the guard as held.
use std::sync::{Arc, Mutex};
use std::time::Duration;

async fn other() {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

async fn record(m: Arc<Mutex<u32>>) {
    let mut g = m.lock().unwrap();
    *g += 1;
    drop(g);
    other().await;
}

#[tokio::main]
async fn main() {
    let m = Arc::new(Mutex::new(0));
    tokio::spawn(record(m.clone())).await.unwrap();
    println!("{}", m.lock().unwrap());
}
