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
        // borrow the runtime we are on instead of making one
        tokio::task::block_in_place(|| {
            tokio::runtime::Handle::current().block_on(temperature(city))
        })
    }
}

#[tokio::main]
async fn main() {
    for city in ["Oslo", "Lagos"] {
        let t = weather::temperature_blocking(city);
        println!("{city}: {t} degrees");
    }
}
