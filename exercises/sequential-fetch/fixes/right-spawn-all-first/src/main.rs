// A dashboard needs the status of five services. Each answers in about
// 100 ms; asked all at once, the whole page should take about 100 ms.
use std::time::Duration;

async fn status(service: u32) -> String {
    tokio::time::sleep(Duration::from_millis(100)).await;
    format!("service {service}: up")
}

/// Asks every service. Edit this function.
async fn dashboard() -> Vec<String> {
    let handles: Vec<_> = (1..=5).map(|s| tokio::spawn(status(s))).collect();
    let mut lines = Vec::new();
    for handle in handles {
        lines.push(handle.await.unwrap());
    }
    lines
}

fn main() {
    harness::run(dashboard);
}

// Do not change this module. It runs the dashboard with tokio's clock
// paused (time jumps ahead whenever every task waits, so timings are
// exact) and says how long the page took.
mod harness {
    use std::future::Future;
    use std::time::Duration;
    use tokio::time::Instant;

    pub fn run<F, Fut>(dashboard: F)
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Vec<String>>,
    {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap();
        rt.block_on(async {
            let start = Instant::now();
            let lines = dashboard().await;
            let took = start.elapsed();
            for line in &lines {
                println!("{line}");
            }
            if lines.len() != 5 {
                println!("{} of 5 services answered", lines.len());
            } else if took > Duration::from_millis(150) {
                println!("the page took {} ms: the services were asked one after another", took.as_millis());
            } else {
                println!("all 5 services asked at once: {} ms", took.as_millis());
            }
        });
    }
}
