// cmp-send-drop: clippy's await_holding_lock on a std guard held across
// an .await (no tokio::spawn here, so the code itself compiles).
use std::sync::{Arc, Mutex};
use std::time::Duration;

async fn other() {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

async fn record(m: Arc<Mutex<u32>>) {
    let mut g = m.lock().unwrap();
    *g += 1;
    other().await;
}

#[tokio::main]
async fn main() {
    let m = Arc::new(Mutex::new(0));
    record(m.clone()).await;
    println!("{}", m.lock().unwrap());
}
