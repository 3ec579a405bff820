// stories/barbara-bridges-sync-and-async.md: block_on on a fresh runtime,
// called from inside a task of another runtime.
async fn report() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {});
}

#[tokio::main]
async fn main() {
    tokio::spawn(report()).await.unwrap();
}
