// A sensor library, like many C libraries, calls us back on a thread of
// its own. The readings must reach async code in the runtime.
use tokio::sync::mpsc;

/// Stands in for the C library: three readings, then it stops.
mod sensor {
    pub fn watch(on_reading: Box<dyn Fn(u32) + Send>) -> std::thread::JoinHandle<()> {
        std::thread::spawn(move || {
            for celsius in [19, 21, 24] {
                on_reading(celsius);
            }
        })
    }
}

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::channel(8);
    // The callback runs on the library's thread, which belongs to no
    // runtime, so `tokio::spawn` there panicked: it looks up the runtime of
    // the current thread. That thread may block, though, and tokio's
    // channels have a blocking side for exactly this: `blocking_send` waits
    // without a runtime. (Another way: take `Handle::current()` here, in
    // the runtime, and move it into the callback to spawn through it.)
    let thread = sensor::watch(Box::new(move |celsius| {
        if tx.blocking_send(celsius).is_err() {
            eprintln!("nobody is listening any more");
        }
    }));

    while let Some(celsius) = rx.recv().await {
        println!("reading: {celsius} C");
    }
    // The thread has dropped its callback (and the sender in it), since
    // `recv()` returned None, so this join does not block the runtime.
    thread.join().expect("the sensor thread panicked");
    println!("sensor stopped");
}
