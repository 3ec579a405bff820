// Worker tasks record each page they crawl in a shared visit log, and
// pause between pages to be polite to the server.
use std::sync::{Arc, Mutex};
use std::time::Duration;

async fn crawl(site: &'static str, log: Arc<Mutex<Vec<String>>>) {
    for page in 1..=2 {
        let mut visits = log.lock().unwrap();
        visits.push(format!("{site}/page{page}"));
        drop(visits);
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::main]
async fn main() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let a = tokio::spawn(crawl("docs", log.clone()));
    let b = tokio::spawn(crawl("blog", log.clone()));
    a.await.unwrap();
    b.await.unwrap();
    println!("visited {} pages", log.lock().unwrap().len());
}
