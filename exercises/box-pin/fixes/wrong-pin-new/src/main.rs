// Picks one of two ways to load a price, at run time, and stores the
// chosen future as a trait object.
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

type PriceFuture = Pin<Box<dyn Future<Output = u32>>>;

fn load_price(cached: bool) -> PriceFuture {
    if cached {
        Pin::new(Box::new(async { 42 }))
    } else {
        Pin::new(Box::new(async {
            tokio::time::sleep(Duration::from_millis(10)).await;
            43
        }))
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("cached price: {}", load_price(true).await);
    println!("fresh price: {}", load_price(false).await);
}
