// Starts a grandchild in a session of its own, closes its own stdout and
// stderr, then sleeps far past the timeout.
use std::fs::File;
use std::os::unix::io::FromRawFd;
use std::process::{Command, Stdio};

fn main() {
    Command::new("setsid")
        .args(["sleep", "9732"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("setsid");
    drop(unsafe { File::from_raw_fd(1) });
    drop(unsafe { File::from_raw_fd(2) });
    std::thread::sleep(std::time::Duration::from_secs(60));
}
