// A grandchild that leaves the process group and the session (setsid)
// and keeps stdout and stderr open; the program itself prints its line
// and exits at once.
use std::process::Command;

fn main() {
    Command::new("setsid")
        .args(["sleep", "9731"])
        .spawn()
        .expect("setsid");
    println!("printed and exited");
}
