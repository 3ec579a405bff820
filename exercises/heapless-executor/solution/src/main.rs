// The executor of a small board's firmware: it runs the app's one future,
// with no heap. The future is pinned where it stands, on this stack
// frame, and the waker is a static flag: waking sets it, and the loop
// waits for it the way a chip waits for an interrupt.
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

/// Set by a wake, cleared by the executor before it polls again.
static WOKEN: AtomicBool = AtomicBool::new(false);

// A Waker is a data pointer and a table of four functions. With no data
// (a null pointer) and a static table, cloning and dropping it cost
// nothing and no reference count is needed: there is only one task.
static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake, wake, drop);

fn clone(_: *const ()) -> RawWaker {
    RawWaker::new(std::ptr::null(), &VTABLE)
}
fn wake(_: *const ()) {
    WOKEN.store(true, SeqCst);
}
fn drop(_: *const ()) {}

/// Runs `fut` to completion without allocating.
fn block_on<F: Future>(fut: F) -> F::Output {
    // pin_mut! shadows `fut` with a Pin<&mut F> to it: it can no longer
    // be moved, which is all that pinning asks, and no Box is needed.
    futures::pin_mut!(fut);
    // Safety: the table's functions ignore the (null) data pointer.
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(out) => return out,
            Poll::Pending => {
                // wait for a wake-up; a wake that came during the poll is
                // not lost, since the flag stays set
                while !WOKEN.swap(false, SeqCst) {
                    std::hint::spin_loop();
                }
            }
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
