// A report handler needs three pages from a web service. The code that
// gathers them was sync (an iterator chain) bridged with block_on; now
// it is async too.

/// Fetches every page and returns their lengths. Edit from here down to
/// `handle_report`.
// block_on would park this worker thread until the page came, but the
// task that answers runs on this runtime too, and on a one-core server
// this thread is the only worker: nobody would ever answer. Async all the
// way down, each fetch gives the thread back while it waits.
async fn fetch_all(client: &web::Client, urls: &[&str]) -> Vec<usize> {
    let fetches = urls.iter().map(|url| client.fetch(url));
    futures::future::join_all(fetches)
        .await
        .iter()
        .map(|page| page.len())
        .collect()
}

async fn handle_report(client: web::Client) -> usize {
    let sizes = fetch_all(&client, &["/a", "/b", "/c"]).await;
    sizes.iter().sum()
}

fn main() {
    web::serve(handle_report);
}

// Do not change this module. A pretend web service, answered by a task on
// the same runtime as the handler; `serve` runs the handler as a request
// would on the production server: a runtime with one worker thread, as
// tokio starts on a machine with one core.
mod web {
    use std::future::Future;
    use tokio::sync::{mpsc, oneshot};

    #[derive(Clone)]
    pub struct Client {
        requests: mpsc::Sender<(String, oneshot::Sender<String>)>,
    }

    impl Client {
        pub async fn fetch(&self, url: &str) -> String {
            let (reply, answer) = oneshot::channel();
            self.requests.send((url.to_string(), reply)).await.expect("service gone");
            answer.await.expect("service gone")
        }
    }

    pub fn serve<F, Fut>(handle: F)
    where
        F: Fn(Client) -> Fut,
        Fut: Future<Output = usize> + Send + 'static,
    {
        {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap();
            let total = rt.block_on(async {
                let (requests, mut incoming) = mpsc::channel::<(String, oneshot::Sender<String>)>(8);
                tokio::spawn(async move {
                    while let Some((url, reply)) = incoming.recv().await {
                        let _ = reply.send(format!("<page {url}>"));
                    }
                });
                // a request handler runs as a task of its own
                tokio::spawn(handle(Client { requests })).await.expect("handler panicked")
            });
            println!("report of {total} bytes");
        }
    }
}
