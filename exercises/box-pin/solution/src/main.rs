// Picks one of two ways to load a price, at run time, and stores the
// chosen future as a trait object.
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

type PriceFuture = Pin<Box<dyn Future<Output = u32>>>;

fn load_price(cached: bool) -> PriceFuture {
    // With iterators or closures, `Box::new` is how you make a trait
    // object. A future must also be pinned before it can be polled, so the
    // box has to be a pinned one: `Box::pin` allocates and pins at once.
    if cached {
        Box::pin(async { 42 })
    } else {
        Box::pin(async {
            tokio::time::sleep(Duration::from_millis(10)).await;
            43
        })
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("cached price: {}", load_price(true).await);
    println!("fresh price: {}", load_price(false).await);
}
