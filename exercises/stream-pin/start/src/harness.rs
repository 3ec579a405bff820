// Do not change this file. It reads the whole stream with tokio's clock
// paused (time jumps ahead whenever every task waits, so the timings are
// exact) and checks that readings come 20 ms apart, as promised.
use futures::{pin_mut, Stream, StreamExt};
use std::time::Duration;
use tokio::time::Instant;

pub fn run<S: Stream<Item = u32>>(make: impl FnOnce() -> S) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap();
    rt.block_on(async {
        let readings = make();
        pin_mut!(readings);
        let mut last = Instant::now();
        let mut count = 0;
        while let Some(r) = readings.next().await {
            let gap = last.elapsed();
            last = Instant::now();
            count += 1;
            println!("reading {count}: {r} after {} ms", gap.as_millis());
            if gap < Duration::from_millis(20) {
                println!(
                    "too early: reading {count} came {} ms after the one before, \
                     not 20 ms (on tokio's clock)",
                    gap.as_millis()
                );
                return;
            }
        }
        println!("all {count} readings, 20 ms apart");
    });
}
