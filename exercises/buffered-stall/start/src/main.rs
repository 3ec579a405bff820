// A crawler downloads five pages, three at a time, and processes each
// page in order as it arrives.
use futures::StreamExt;
use std::time::Duration;


async fn download(page: u32) -> Result<usize, String> {
    let mut conn = server::connect(page).await;
    let mut bytes = 0;
    while let Some(packet) = conn.recv().await {
        bytes += packet?;
    }
    Ok(bytes)
}

/// Processing a page takes a while (here: a 150 ms database write).
async fn process(page: u32, bytes: usize) {
    tokio::time::sleep(Duration::from_millis(150)).await;
    println!("page {page}: {bytes} bytes stored");
}

/// Returns how many pages were processed. Edit this function.
async fn crawl() -> usize {
    let mut pages = futures::stream::iter(1..=5)
        .map(|page| async move { (page, download(page).await) })
        .buffered(3);
    let mut processed = 0;
    while let Some((page, result)) = pages.next().await {
        match result {
            Ok(bytes) => {
                process(page, bytes).await;
                processed += 1;
            }
            Err(e) => println!("page {page}: {e}"),
        }
    }
    processed
}

fn main() {
    server::run(crawl());
}

// Do not change this module. A pretend web server: page N comes in N + 2
// packets of 1000 bytes, 10 ms apart. Like a real server, it gives up on
// a client that has not read the last packet within 50 ms. It also
// counts how many pages are downloading at once.
mod server {
    use std::future::Future;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Duration;
    use tokio::sync::mpsc;
    use tokio::time::{sleep, timeout};

    static HUNG_UP: AtomicUsize = AtomicUsize::new(0);
    static OPEN: AtomicUsize = AtomicUsize::new(0);
    static MOST_OPEN: AtomicUsize = AtomicUsize::new(0);

    pub struct Connection {
        packets: mpsc::Receiver<usize>,
        hung_up: Arc<AtomicUsize>,
    }

    impl Connection {
        /// The next packet's size; None at the end of the page; an error
        /// when the server gave up on us.
        pub async fn recv(&mut self) -> Option<Result<usize, String>> {
            match self.packets.recv().await {
                Some(n) => Some(Ok(n)),
                None if self.hung_up.load(Ordering::SeqCst) > 0 => Some(Err(
                    "the server hung up: the client left a packet unread for 50 ms".into(),
                )),
                None => None,
            }
        }
    }

    pub async fn connect(page: u32) -> Connection {
        sleep(Duration::from_millis(5)).await;
        let (tx, packets) = mpsc::channel(1);
        let hung_up = Arc::new(AtomicUsize::new(0));
        let flag = hung_up.clone();
        let open = OPEN.fetch_add(1, Ordering::SeqCst) + 1;
        MOST_OPEN.fetch_max(open, Ordering::SeqCst);
        tokio::spawn(async move {
            let _closed = Closed;
            for _ in 0..page + 2 {
                sleep(Duration::from_millis(10)).await;
                match timeout(Duration::from_millis(50), tx.send(1000)).await {
                    Ok(Ok(())) => {}
                    Ok(Err(_)) => return, // the client went away
                    Err(_) => {
                        flag.store(1, Ordering::SeqCst);
                        HUNG_UP.fetch_add(1, Ordering::SeqCst);
                        return;
                    }
                }
            }
        });
        Connection { packets, hung_up }
    }

    struct Closed;
    impl Drop for Closed {
        fn drop(&mut self) {
            OPEN.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// Runs the crawl on one thread with tokio's clock paused, then reports.
    pub fn run(crawl: impl Future<Output = usize>) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap();
        let processed = rt.block_on(crawl);
        let hung_up = HUNG_UP.load(Ordering::SeqCst);
        if hung_up > 0 {
            println!("the server hung up on {hung_up} downloads: they sat unread for 50 ms");
        }
        let most = MOST_OPEN.load(Ordering::SeqCst);
        if most > 3 {
            println!("{most} downloads ran at once; the server allows 3");
        }
        if processed == 5 && hung_up == 0 && most <= 3 {
            println!("all 5 pages processed");
        }
    }
}
