// A desktop app: the GUI toolkit owns the main thread and runs its own
// event loop, polling the app's futures between frames (with the futures
// crate's LocalPool). The weather comes from a client built on tokio.
use std::time::Duration;

/// Stands in for an HTTP client written for tokio: it uses tokio's timer
/// (and would use tokio's sockets).
async fn fetch_weather(city: &str) -> String {
    tokio::time::sleep(Duration::from_millis(100)).await;
    format!("{city}: sunny")
}

fn main() {
    // tokio's timer and sockets need tokio's driver, which runs inside a
    // tokio runtime; the toolkit's loop is not one. A multi-threaded
    // runtime drives them from its own worker threads, so it works while
    // the toolkit keeps the main thread. enter() makes it the runtime that
    // tokio::time::sleep and friends find from this thread; both the
    // runtime and the guard must live as long as the app does.
    let rt = tokio::runtime::Runtime::new().expect("no tokio runtime");
    let _tokio = rt.enter();
    gui::run(async { fetch_weather("Oslo").await });
}

// Do not change this module. The toolkit's event loop: a frame every 2 ms,
// and between frames the app's futures get polled until they stall. It
// measures the longest gap between two frames: a UI must not freeze.
mod gui {
    use futures::executor::LocalPool;
    use futures::task::LocalSpawnExt;
    use std::cell::RefCell;
    use std::future::Future;
    use std::rc::Rc;
    use std::time::{Duration, Instant};

    pub fn run(app: impl Future<Output = String> + 'static) {
        let mut pool = LocalPool::new();
        let shown = Rc::new(RefCell::new(None));
        let slot = shown.clone();
        pool.spawner()
            .spawn_local(async move { *slot.borrow_mut() = Some(app.await) })
            .unwrap();
        let (start, mut last, mut longest) = (Instant::now(), Instant::now(), Duration::ZERO);
        while shown.borrow().is_none() && start.elapsed() < Duration::from_secs(2) {
            std::thread::sleep(Duration::from_millis(2)); // draw a frame
            pool.run_until_stalled();
            longest = longest.max(last.elapsed());
            last = Instant::now();
        }
        match shown.borrow().as_ref() {
            Some(text) => println!("window shows {text}"),
            None => println!("no answer within 2 s"),
        }
        if longest > Duration::from_millis(80) {
            println!("the UI froze for {} ms", longest.as_millis());
        } else {
            println!("the UI never froze");
        }
    }
}
