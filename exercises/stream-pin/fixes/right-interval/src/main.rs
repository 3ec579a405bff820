// A sensor yields a reading every 20 ms, as a hand-written Stream: no
// helper crate, just the trait, the way a library author would write it.
use futures::Stream;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::Instant;

mod harness;

const PERIOD: Duration = Duration::from_millis(20);

struct Sensor {
    timer: tokio::time::Interval,
    left: u32,
    value: u32,
}

fn sensor(count: u32) -> Sensor {
    Sensor { timer: tokio::time::interval_at(Instant::now() + PERIOD, PERIOD), left: count, value: 10 }
}

impl Stream for Sensor {
    type Item = u32;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        if self.left == 0 {
            return Poll::Ready(None);
        }
        // Wait for the timer, then arm it again for the next reading.
        if self.timer.poll_tick(cx).is_pending() {
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
