// A weather client offers a blocking helper for callers without async
// code. An async service then uses that helper.
mod weather {
    use std::time::Duration;

    pub async fn temperature(city: &str) -> i32 {
        tokio::time::sleep(Duration::from_millis(10)).await;
        city.len() as i32 + 10
    }

    /// For synchronous callers: builds a runtime and waits on it.
    pub fn temperature_blocking(city: &str) -> i32 {
        let rt = tokio::runtime::Runtime::new().expect("no runtime");
        rt.block_on(temperature(city))
    }
}

#[tokio::main]
async fn main() {
    // both at once
    let (oslo, lagos) = tokio::join!(
        weather::temperature("Oslo"),
        weather::temperature("Lagos")
    );
    println!("Oslo: {oslo} degrees");
    println!("Lagos: {lagos} degrees");
}
