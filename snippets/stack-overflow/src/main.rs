// stories/alan-runs-into-stack-trouble.md: a future too large for the
// main thread's stack.
async fn step(n: usize) -> usize {
    let big = [n as u8; 16 * 1024 * 1024];
    tokio::task::yield_now().await;
    big.iter().map(|b| *b as usize).sum()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("{}", step(1).await);
}
