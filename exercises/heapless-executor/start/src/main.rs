// The executor of a small board's firmware: it runs the app's one future.
// This version is the usual desktop one, written with std's Arc and Box.
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::Thread;

struct ThreadWaker(Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs `fut` to completion. Edit this function (and what it uses).
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut: Pin<Box<F>> = Box::pin(fut);
    let waker = Waker::from(Arc::new(ThreadWaker(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(out) => return out,
            Poll::Pending => std::thread::park(),
        }
    }
}

fn main() {
    board::run(block_on);
}

// Do not change this module. The board: a timer interrupt every 5 ms
// (a thread here) wakes the waker the app left, and an allocator that
// counts, because the firmware has no heap to spare: the executor may
// not allocate at all. It also counts polls: the app should be polled
// only when woken.
mod board {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use std::sync::Mutex;
    use std::task::{Context, Poll, Waker};
    use std::time::Duration;

    struct Counting;
    static ALLOCS: AtomicUsize = AtomicUsize::new(0);
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            ALLOCS.fetch_add(1, SeqCst);
            System.alloc(layout)
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            System.dealloc(ptr, layout)
        }
    }
    #[global_allocator]
    static GLOBAL: Counting = Counting;

    static TICKS: AtomicUsize = AtomicUsize::new(0);
    static POLLS: AtomicUsize = AtomicUsize::new(0);
    static WAITING: Mutex<Option<Waker>> = Mutex::new(None);

    /// The app: blinks the LED on each of three timer ticks.
    pub struct Blink {
        blinks: usize,
        seen: usize,
    }

    impl Future for Blink {
        type Output = usize;
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
            POLLS.fetch_add(1, SeqCst);
            let ticks = TICKS.load(SeqCst);
            if ticks > self.seen {
                self.seen = ticks;
                self.blinks += 1;
                if self.blinks == 3 {
                    return Poll::Ready(self.blinks);
                }
            }
            let mut waiting = WAITING.lock().unwrap();
            match &*waiting {
                Some(w) if w.will_wake(cx.waker()) => {}
                _ => *waiting = Some(cx.waker().clone()),
            }
            Poll::Pending
        }
    }

    pub fn run(block_on: fn(Blink) -> usize) {
        std::thread::spawn(|| loop {
            std::thread::sleep(Duration::from_millis(5));
            TICKS.fetch_add(1, SeqCst);
            if let Some(w) = WAITING.lock().unwrap().take() {
                w.wake();
            }
        });
        let before = ALLOCS.load(SeqCst);
        let blinks = block_on(Blink { blinks: 0, seen: 0 });
        let allocs = ALLOCS.load(SeqCst) - before;
        let polls = POLLS.load(SeqCst);
        println!("blinked {blinks} times");
        if allocs > 0 {
            println!("block_on made {allocs} heap allocation(s); the board has no heap for them");
        } else if polls > 12 {
            println!("{polls} polls for 3 ticks: the executor polls without being woken");
        } else {
            println!("no allocation, and polled only when woken");
        }
    }
}
