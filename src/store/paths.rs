//! Where msgaudit keeps its files: configuration (keys, the user's own checklists) and data
//! (drafts, results, archive). `--home DIR` or `MSGAUDIT_HOME` put everything under one folder
//! (portable use from a USB stick, tests); otherwise the platform's usual folders are used.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// The environment variable that moves all of msgaudit's files under one folder.
pub const HOME_ENV: &str = "MSGAUDIT_HOME";

/// Errors while working out or creating msgaudit's folders.
#[derive(Debug, thiserror::Error)]
pub enum PathsError {
    #[error(
        "could not find your home folder to keep msgaudit's files in; \
         pass --home DIR or set {HOME_ENV} to the folder msgaudit should use"
    )]
    NoHomeDirectory,
    #[error(
        "the folder {path} cannot be used as msgaudit's home: {source}; pass an existing, writable folder with --home DIR or {HOME_ENV}"
    )]
    BadHome { path: PathBuf, source: io::Error },
    #[error(
        "could not create the folder {path}: {source}; check that you may write there, or choose another folder with --home DIR"
    )]
    CreateDir { path: PathBuf, source: io::Error },
}

/// The folders msgaudit uses. Nothing is created until [`Paths::create_all`] or
/// [`create_private_dir`] is called, so resolving is free of side effects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    config: PathBuf,
    data: PathBuf,
    /// Where signed results go, when the user chose a folder (`--results DIR`); else `<data>/results`.
    results: Option<PathBuf>,
}

impl Paths {
    /// Resolves the folders from the `--home` flag, then the `MSGAUDIT_HOME` environment variable,
    /// then the platform defaults.
    pub fn resolve(home_flag: Option<PathBuf>) -> Result<Self, PathsError> {
        Self::resolve_with(home_flag, std::env::var_os(HOME_ENV))
    }

    /// Like [`Paths::resolve`], with the value of `MSGAUDIT_HOME` passed in, so tests never need
    /// to change the process environment (which is shared by all test threads).
    pub fn resolve_with(
        home_flag: Option<PathBuf>,
        env_home: Option<OsString>,
    ) -> Result<Self, PathsError> {
        // An empty variable counts as unset: `MSGAUDIT_HOME= msgaudit` is a common way to clear it.
        let env_home = env_home
            .filter(|value| !value.is_empty())
            .map(PathBuf::from);
        match home_flag.or(env_home) {
            Some(home) => Self::under_home(&home),
            None => Self::platform_default(),
        }
    }

    /// Puts config and data under one folder: `<home>/config` and `<home>/data`.
    pub fn under_home(home: &Path) -> Result<Self, PathsError> {
        // Made absolute now so that a later change of the working folder cannot move the files.
        let home = std::path::absolute(home).map_err(|source| PathsError::BadHome {
            path: home.to_path_buf(),
            source,
        })?;
        Ok(Self {
            config: home.join("config"),
            data: home.join("data"),
            results: None,
        })
    }

    /// The platform's folders, e.g. `~/.config/msgaudit` and `~/.local/share/msgaudit` on Linux.
    pub fn platform_default() -> Result<Self, PathsError> {
        let dirs = ProjectDirs::from("", "", "msgaudit").ok_or(PathsError::NoHomeDirectory)?;
        Ok(Self {
            config: dirs.config_dir().to_path_buf(),
            // Local rather than roaming on Windows: drafts are rewritten after every answer and
            // locked per machine; a roaming profile synced at logoff could bring back old copies.
            data: dirs.data_local_dir().to_path_buf(),
            results: None,
        })
    }

    /// The configuration folder (keys and the user's own checklists live below it).
    pub fn config_dir(&self) -> &Path {
        &self.config
    }

    /// The data folder (drafts, results and the archive live below it).
    pub fn data_dir(&self) -> &Path {
        &self.data
    }

    /// `<config>/keys`: the signing key pair and trusted public keys.
    pub fn keys_dir(&self) -> PathBuf {
        self.config.join("keys")
    }

    /// `<config>/trusted-keys`: public keys of other signers whose results this user verifies (`*.pub`,
    /// found by key id).
    pub fn trusted_keys_dir(&self) -> PathBuf {
        self.config_dir().join("trusted-keys")
    }

    /// `<config>/checklists`: checklists the user added.
    pub fn checklists_dir(&self) -> PathBuf {
        self.config.join("checklists")
    }

    /// `<data>/drafts`: audits in progress.
    pub fn drafts_dir(&self) -> PathBuf {
        self.data.join("drafts")
    }

    /// `<data>/results`: the default place for signed result files.
    pub fn results_dir(&self) -> PathBuf {
        self.results
            .clone()
            .unwrap_or_else(|| self.data.join("results"))
    }

    /// Send signed results to `dir` instead of `<data>/results` (made absolute now, like `--home`).
    pub fn with_results_dir(mut self, dir: &Path) -> Result<Self, PathsError> {
        let dir = std::path::absolute(dir).map_err(|source| PathsError::BadHome {
            path: dir.to_path_buf(),
            source,
        })?;
        self.results = Some(dir);
        Ok(self)
    }

    /// `<data>/archive`: drafts that were signed off (kept, never deleted).
    pub fn archive_dir(&self) -> PathBuf {
        self.data.join("archive")
    }

    /// `<data>/cache/checklists`: validated checklists, read instead of their files while those are
    /// unchanged (`catalog::cache`); safe to delete at any time.
    pub fn checklist_cache_dir(&self) -> PathBuf {
        self.data.join("cache").join("checklists")
    }

    /// Creates every folder above (private, see [`create_private_dir`]).
    pub fn create_all(&self) -> Result<(), PathsError> {
        let dirs = [
            self.keys_dir(),
            self.checklists_dir(),
            self.drafts_dir(),
            self.results_dir(),
            self.archive_dir(),
        ];
        dirs.iter().try_for_each(|dir| create_private_dir(dir))
    }
}

/// Creates `dir` and any missing parents. On Unix, folders created here get mode 0700 because
/// they hold personal data; folders that already exist are left as the user set them up.
pub fn create_private_dir(dir: &Path) -> Result<(), PathsError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|source| PathsError::CreateDir {
        path: dir.to_path_buf(),
        source,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_env() {
        let paths = Paths::resolve_with(Some(PathBuf::from("/flag")), Some(OsString::from("/env")))
            .unwrap();
        assert_eq!(paths.config_dir(), Path::new("/flag/config"));
        assert_eq!(paths.data_dir(), Path::new("/flag/data"));
    }

    #[test]
    fn env_beats_platform_default() {
        let paths = Paths::resolve_with(None, Some(OsString::from("/env"))).unwrap();
        assert_eq!(paths.config_dir(), Path::new("/env/config"));
    }

    #[test]
    fn empty_env_counts_as_unset() {
        let from_empty = Paths::resolve_with(None, Some(OsString::new())).unwrap();
        assert_eq!(from_empty, Paths::platform_default().unwrap());
    }

    #[test]
    fn relative_home_is_made_absolute() {
        let paths = Paths::resolve_with(Some(PathBuf::from("portable")), None).unwrap();
        assert!(paths.config_dir().is_absolute());
        assert!(paths.config_dir().ends_with("portable/config"));
    }

    #[test]
    fn subfolders_sit_under_config_and_data() {
        let paths = Paths::under_home(Path::new("/h")).unwrap();
        assert_eq!(paths.keys_dir(), Path::new("/h/config/keys"));
        assert_eq!(paths.checklists_dir(), Path::new("/h/config/checklists"));
        assert_eq!(paths.drafts_dir(), Path::new("/h/data/drafts"));
        assert_eq!(paths.results_dir(), Path::new("/h/data/results"));
        assert_eq!(paths.archive_dir(), Path::new("/h/data/archive"));
        assert_eq!(
            paths.checklist_cache_dir(),
            Path::new("/h/data/cache/checklists")
        );
    }

    #[test]
    fn create_all_makes_every_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under_home(tmp.path()).unwrap();
        paths.create_all().unwrap();
        for dir in [
            paths.keys_dir(),
            paths.checklists_dir(),
            paths.drafts_dir(),
            paths.results_dir(),
            paths.archive_dir(),
        ] {
            assert!(dir.is_dir(), "{} missing", dir.display());
        }
        // Creating again is fine: the folders already exist.
        paths.create_all().unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn created_folders_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b/c");
        create_private_dir(&dir).unwrap();
        for created in [tmp.path().join("a"), tmp.path().join("a/b"), dir] {
            let mode = std::fs::metadata(&created).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700, "{}", created.display());
        }
    }

    #[test]
    fn creating_below_a_file_fails_with_the_path() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("file");
        std::fs::write(&file, b"x").unwrap();
        let err = create_private_dir(&file.join("sub")).unwrap_err();
        assert!(err.to_string().contains("file"), "{err}");
    }
}
