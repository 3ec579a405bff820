// Starts a grandchild in a session of its own and a child in its own
// group, says it is running (a line to the file $RUNNER_ESCAPE_READY
// names, a FIFO the test reads), then sleeps until it is stopped.
use std::io::Write;
use std::process::{Command, Stdio};

fn main() {
    Command::new("setsid")
        .args(["sleep", "9733"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("setsid");
    Command::new("sleep").arg("9734").spawn().expect("sleep");
    if let Ok(path) = std::env::var("RUNNER_ESCAPE_READY") {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .expect("the ready FIFO");
        writeln!(f, "running").expect("the ready FIFO");
    }
    std::thread::sleep(std::time::Duration::from_secs(3600));
}
