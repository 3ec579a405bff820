// A login check through a C library that works on its own thread and
// wakes a waker we hand it. The service waits a moment for a quick
// answer; if none comes, it hands the check to a background task.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

struct Auth {
    lib: authlib::Check,
    registered: bool,
}

fn authenticate(user: &str) -> Auth {
    Auth { lib: authlib::start(user), registered: false }
}

impl Future for Auth {
    type Output = bool;
    /// Edit this function.
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<bool> {
        let _ = self.registered;
        if let Some(ok) = self.lib.take_result() {
            return Poll::Ready(ok);
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut auth = authenticate("grace");
    // the fast path: most checks answer within a millisecond
    match tokio::time::timeout(Duration::from_millis(1), &mut auth).await {
        Ok(ok) => println!("quick answer: {ok}"),
        Err(_) => {
            println!("slow check: handed to a background task");
            let background = tokio::spawn(auth);
            println!("background answer: {}", background.await.unwrap());
        }
    }
    authlib::report();
}

// Do not change this module. Stands in for the C library: the check runs
// on the library's own thread for 30 ms, and then the library wakes the
// waker it holds (one at a time: setting a new one replaces the old).
#[allow(dead_code)]
mod authlib {
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use std::sync::{Arc, Mutex};
    use std::task::Waker;
    use std::time::Duration;

    static CHECKS: AtomicUsize = AtomicUsize::new(0);

    #[derive(Default)]
    struct Shared {
        result: Option<bool>,
        waker: Option<Waker>,
    }

    pub struct Check {
        shared: Arc<Mutex<Shared>>,
    }

    pub fn start(user: &str) -> Check {
        let shared = Arc::new(Mutex::new(Shared::default()));
        let (inner, ok) = (shared.clone(), !user.is_empty());
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(30));
            let mut s = inner.lock().unwrap();
            s.result = Some(ok);
            if let Some(w) = s.waker.take() {
                w.wake();
            }
        });
        Check { shared }
    }

    impl Check {
        pub fn take_result(&mut self) -> Option<bool> {
            CHECKS.fetch_add(1, SeqCst);
            self.shared.lock().unwrap().result.take()
        }
        pub fn set_waker(&mut self, waker: Waker) {
            self.shared.lock().unwrap().waker = Some(waker);
        }
        pub fn has_waker(&self) -> bool {
            self.shared.lock().unwrap().waker.is_some()
        }
    }

    pub fn report() {
        let checks = CHECKS.load(SeqCst);
        if checks > 6 {
            println!("the result was checked {checks} times: the future was polled without a wake-up");
        } else {
            println!("answered after {checks} checks");
        }
    }
}
