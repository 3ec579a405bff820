// stories/niklaus-simulates-hydrodynamics.md: the same job with the error
// type named, which compiles.
#[derive(Debug)]
pub struct SolverError;

fn load_patch(idx: usize) -> Result<Vec<f64>, SolverError> {
    Ok(vec![idx as f64])
}

fn solve(cells: &[f64]) -> Result<f64, SolverError> {
    Ok(cells.iter().sum())
}

#[tokio::main]
async fn main() {
    let idx = 3;
    let job = async move {
        let cells = load_patch(idx)?;
        let sol = solve(&cells)?;
        Ok::<_, SolverError>(sol)
    };
    println!("{:?}", job.await);
}
