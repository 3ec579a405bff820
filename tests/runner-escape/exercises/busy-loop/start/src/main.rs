// Spins without end, never waiting for anything.
use std::sync::atomic::{AtomicU64, Ordering};

static SPINS: AtomicU64 = AtomicU64::new(0);

fn main() {
    loop {
        SPINS.fetch_add(1, Ordering::Relaxed);
    }
}
