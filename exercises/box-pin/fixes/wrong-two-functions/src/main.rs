// Picks one of two ways to load a price, at run time, and stores the
// chosen future as a trait object.
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

type PriceFuture = Pin<Box<dyn Future<Output = u32>>>;

#[allow(dead_code)]
fn load_price(_cached: bool) -> PriceFuture {
    Box::pin(async { 0 })
}

async fn cached_price() -> u32 {
    42
}

async fn fresh_price() -> u32 {
    tokio::time::sleep(Duration::from_millis(10)).await;
    43
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("cached price: {}", cached_price().await);
    println!("fresh price: {}", fresh_price().await);
}
