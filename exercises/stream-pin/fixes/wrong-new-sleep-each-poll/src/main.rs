// A sensor yields a reading every 20 ms, as a hand-written Stream: no
// helper crate, just the trait, the way a library author would write it.
use futures::Stream;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::sleep;


const PERIOD: Duration = Duration::from_millis(20);

struct Sensor {
    left: u32,
    value: u32,
}

fn sensor(count: u32) -> Sensor {
    Sensor { left: count, value: 10 }
}

impl Stream for Sensor {
    type Item = u32;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        if self.left == 0 {
            return Poll::Ready(None);
        }
        // Wait for the timer, then arm it again for the next reading.
        let mut timer = Box::pin(sleep(PERIOD));
        if timer.as_mut().poll(cx).is_pending() {
            return Poll::Pending;
        }
        self.left -= 1;
        self.value += 3;
        Poll::Ready(Some(self.value))
    }
}

fn main() {
    harness::run(|| sensor(4));
}

// Do not change this module. It reads the whole stream with tokio's clock
// paused (time jumps ahead whenever every task waits, so the timings are
// exact) and checks that readings come 20 ms apart, as promised.
mod harness {
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
}
