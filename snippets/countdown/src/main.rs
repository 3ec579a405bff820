// stories/barbara-needs-async-helpers.md: an async fn that awaits a call
// to itself, with no box in between.
async fn countdown(n: u32) {
    if n > 0 {
        countdown(n - 1).await;
    }
}

fn main() {
    let _ = countdown(3);
}
