// rt-runtime-panic (http-blocking): a handler that creates a runtime of its
// own, as a blocking HTTP client does inside, and drops it in a task.
async fn handle() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    drop(rt);
}

#[tokio::main]
async fn main() {
    tokio::spawn(handle()).await.unwrap();
}
