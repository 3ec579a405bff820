// A tiny executor: run one future to completion on this thread, no
// runtime crate. When the future is not ready, the thread sleeps until
// someone wakes it.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

/// A waker whose wake does nothing.
fn dummy_waker() -> Waker {
    fn clone(_: *const ()) -> RawWaker {
        RawWaker::new(std::ptr::null(), &VTABLE)
    }
    fn ignore(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, ignore, ignore, ignore);
    unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) }
}

/// Runs `fut` to completion. Edit this function (add what it needs).
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut: Pin<Box<F>> = Box::pin(fut);
    let waker = dummy_waker();
    let mut cx = Context::from_waker(&waker);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(out) => return out,
            // nothing to do until the future is woken: sleep
            Poll::Pending => std::thread::park_timeout(std::time::Duration::from_millis(1)),
        }
    }
}

fn main() {
    device::run(block_on);
}

// Do not change this module. A device that answers on a thread of its
// own after 20 ms and then wakes whoever waits, as a driver's interrupt
// would. It also counts the polls: a good executor polls again only when
// woken.
mod device {
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use std::sync::{Arc, Mutex};
    use std::task::{Context, Poll, Waker};
    use std::time::Duration;

    static POLLS: AtomicUsize = AtomicUsize::new(0);

    #[derive(Default)]
    struct Slot {
        value: Option<u32>,
        waker: Option<Waker>,
        started: bool,
    }

    pub struct Read {
        register: u32,
        slot: Arc<Mutex<Slot>>,
    }

    pub fn read(register: u32) -> Read {
        Read { register, slot: Arc::default() }
    }

    impl Future for Read {
        type Output = u32;
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
            POLLS.fetch_add(1, SeqCst);
            let mut slot = self.slot.lock().unwrap();
            if let Some(v) = slot.value.take() {
                return Poll::Ready(v);
            }
            slot.waker = Some(cx.waker().clone());
            if !slot.started {
                slot.started = true;
                let (shared, register) = (self.slot.clone(), self.register);
                std::thread::spawn(move || {
                    std::thread::sleep(Duration::from_millis(20));
                    let mut slot = shared.lock().unwrap();
                    slot.value = Some(register * 2);
                    if let Some(w) = slot.waker.take() {
                        w.wake();
                    }
                });
            }
            Poll::Pending
        }
    }

    pub fn run(block_on: fn(Pin<Box<dyn Future<Output = u32>>>) -> u32) {
        let sum = block_on(Box::pin(async {
            let mut sum = 0;
            for register in 1..=3 {
                sum += read(register).await;
            }
            sum
        }));
        println!("registers read: sum {sum}");
        let polls = POLLS.load(SeqCst);
        if polls > 9 {
            println!("{polls} polls for 3 reads: the executor polls without being woken");
        } else {
            println!("{polls} polls for 3 reads: polled only when woken");
        }
    }
}
