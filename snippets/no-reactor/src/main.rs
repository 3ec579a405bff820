// rt-runtime-panic: a future that needs tokio's reactor (here its timer;
// reqwest needs its sockets the same way) polled by smol's executor.
use std::time::Duration;

fn main() {
    smol::block_on(async {
        tokio::time::sleep(Duration::from_millis(1)).await;
    });
}
