// A sensor library, like many C libraries, calls us back on a thread of
// its own. The readings must reach async code in the runtime.
use tokio::sync::mpsc;

/// Stands in for the C library: three readings, then it stops.
mod sensor {
    pub fn watch(on_reading: Box<dyn Fn(u32) + Send>) -> std::thread::JoinHandle<()> {
        for celsius in [19, 21, 24] {
            on_reading(celsius);
        }
        std::thread::spawn(|| {})
    }
}

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::channel(8);
    let thread = sensor::watch(Box::new(move |celsius| {
        let tx = tx.clone();
        tokio::spawn(async move {
            tx.send(celsius).await.unwrap();
        });
    }));

    while let Some(celsius) = rx.recv().await {
        println!("reading: {celsius} C");
    }
    thread.join().expect("the sensor thread panicked");
    println!("sensor stopped");
}
