// Prints far more than verify keeps, then a last line.
fn main() {
    for i in 0..200_000 {
        println!("line {i} of a flood");
    }
    println!("flood done");
}
