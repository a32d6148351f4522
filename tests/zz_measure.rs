#![allow(clippy::unwrap_used)]
use std::path::Path;
use std::sync::Arc;
use msgaudit::audit::draft::Draft;
use msgaudit::audit::{Meta, Session, values};
#[test]
fn measure() {
    let home = tempfile::tempdir().unwrap();
    let paths = msgaudit::store::Paths::under_home(home.path()).unwrap();
    msgaudit::sign::keygen(&paths.keys_dir(), "Datenschutz ist Teamarbeit", false).unwrap();
    let c = Arc::new(msgaudit::checklist::load(Path::new("checklists/messenger-audit.toml")).unwrap());
    let s = Session::new(Arc::clone(&c));
    let meta = Meta { organisation: "Muster".into(), unit: "U".into(), auditor: "A".into(), ..Meta::default() };
    let now = jiff::Timestamp::from_second(1_790_000_000).unwrap();
    let mut d = Draft::new(&c, meta, now);
    d.capture(&s, now);
    let signer = msgaudit::signoff::Signer { name: "N".into(), role: String::new(), statement: "S".into() };
    let out = msgaudit::signoff::sign_off(&s, &d, &signer, "Datenschutz ist Teamarbeit", &paths.keys_dir(), &paths.results_dir(), now).unwrap();
    let bytes = std::fs::read(&out.result).unwrap();
    let sig = std::fs::read(msgaudit::result::signature_path(&out.result)).unwrap();
    println!("result size {}", bytes.len());
    for i in 0..500 {
        let p = paths.results_dir().join(format!("x-{i}.result.toml"));
        std::fs::write(&p, &bytes).unwrap();
        std::fs::write(msgaudit::result::signature_path(&p), &sig).unwrap();
    }
    let opts = msgaudit::result::Options { pubkey: None, paths: Some(paths.clone()), checklist_dirs: msgaudit::catalog::dirs(Some(&paths), None) };
    let t = std::time::Instant::now();
    let l = msgaudit::result::list(&paths.results_dir(), &opts).unwrap();
    println!("list {} in {:?}", l.len(), t.elapsed());
    assert!(l.iter().all(|x| x.is_signed()));
    let t = std::time::Instant::now();
    let v = msgaudit::result::verify(&out.result, &opts);
    println!("full verify one in {:?} valid {}", t.elapsed(), v.is_valid());
    let t = std::time::Instant::now();
    for i in 0..20 { let _ = msgaudit::result::verify(&paths.results_dir().join(format!("x-{i}.result.toml")), &opts); }
    println!("full verify 20 in {:?}", t.elapsed());
}
