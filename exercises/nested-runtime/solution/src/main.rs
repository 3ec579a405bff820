// A weather client offers a blocking helper for callers without async
// code. An async service uses the async function instead.
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
    for city in ["Oslo", "Lagos"] {
        // Inside async code, await the async function. The blocking helper
        // compiled fine here: only the runtime, at run time, could tell that
        // it was being called from within another runtime. (`weather` is
        // left as it was, so the compiler now warns that nobody calls
        // `temperature_blocking`: it is there for synchronous callers.)
        let t = weather::temperature(city).await;
        println!("{city}: {t} degrees");
    }
}
