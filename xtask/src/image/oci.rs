//! The OCI image archive, written without a container engine: a deterministic tar writer
//! (entries sorted by path, every parent directory present, uid/gid 0, fixed modes, one fixed
//! modification time), the gzipped root filesystem layer (no name or time in the gzip header),
//! the image config, manifest and index as JSON with sorted keys, and the OCI image layout
//! (`oci-layout`, `index.json`, `blobs/sha256/...`) in a tar, plus a `manifest.json` in Docker's
//! `docker save` format beside it so that `docker load` reads the same file. The same inputs
//! give the same bytes, so the same manifest digest.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Context;
use serde_json::json;

/// What a tar entry holds.
#[derive(Clone, Debug, PartialEq)]
pub enum EntryKind {
    Directory,
    File(Vec<u8>),
}

/// One entry of a tar archive: a relative path (no leading `/`, no trailing `/`), its
/// permission bits and content.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub path: String,
    pub mode: u32,
    pub kind: EntryKind,
}

impl Entry {
    pub fn file(path: &str, mode: u32, contents: Vec<u8>) -> Entry {
        Entry { path: path.trim_matches('/').to_owned(), mode, kind: EntryKind::File(contents) }
    }

    pub fn directory(path: &str, mode: u32) -> Entry {
        Entry { path: path.trim_matches('/').to_owned(), mode, kind: EntryKind::Directory }
    }
}

/// Mode of the directories a tar gets for the parents its entries need.
const PARENT_DIRECTORY_MODE: u32 = 0o755;

/// A tar archive of `entries`, the same bytes for the same entries whatever order they come
/// in: sorted by path, a directory entry (mode 0755) added for every missing parent, owner
/// and group 0 with empty names, every modification time `mtime`. Two entries with one path
/// are refused.
pub fn deterministic_tar(entries: &[Entry], mtime: u64) -> anyhow::Result<Vec<u8>> {
    let mut by_path: BTreeMap<&str, &Entry> = BTreeMap::new();
    for entry in entries {
        if entry.path.is_empty() {
            anyhow::bail!("a tar entry has an empty path");
        }
        if by_path.insert(&entry.path, entry).is_some() {
            anyhow::bail!("two tar entries are named {}", entry.path);
        }
    }
    let parents: Vec<Entry> = by_path
        .keys()
        .flat_map(|path| path.match_indices('/').map(|(end, _)| &path[..end]))
        .filter(|parent| !by_path.contains_key(parent))
        .map(|parent| Entry::directory(parent, PARENT_DIRECTORY_MODE))
        .collect();
    for parent in &parents {
        by_path.entry(&parent.path).or_insert(parent);
    }

    let mut builder = tar::Builder::new(Vec::new());
    for (path, entry) in by_path {
        let mut header = tar::Header::new_gnu();
        header.set_mode(entry.mode);
        header.set_uid(0);
        header.set_gid(0);
        header.set_mtime(mtime);
        match &entry.kind {
            EntryKind::Directory => {
                header.set_entry_type(tar::EntryType::Directory);
                header.set_size(0);
                builder.append_data(&mut header, format!("{path}/"), std::io::empty())
            }
            EntryKind::File(contents) => {
                header.set_entry_type(tar::EntryType::Regular);
                header.set_size(contents.len() as u64);
                builder.append_data(&mut header, path, contents.as_slice())
            }
        }
        .with_context(|| format!("adding {path} to a tar archive"))?;
    }
    builder.into_inner().context("finishing a tar archive")
}

/// `bytes` gzipped at the default level (6: level 9 takes 3-4 times as long for 1% less), with a header that holds no file name and no
/// time (mtime 0, operating system "unknown"), so the output depends on `bytes` alone.
pub fn deterministic_gzip(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    const UNKNOWN_OPERATING_SYSTEM: u8 = 255;
    let mut encoder =
        flate2::GzBuilder::new().mtime(0).operating_system(UNKNOWN_OPERATING_SYSTEM).write(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).context("compressing the layer")?;
    encoder.finish().context("compressing the layer")
}

/// `sha256:<hex>` of `bytes`: a content digest as OCI descriptors spell it.
pub fn digest_of(bytes: &[u8]) -> String {
    format!("sha256:{}", crate::sha256_hex(bytes))
}

/// A unix time as RFC 3339 UTC (`1970-01-01T00:00:00Z`), for the config's `created`.
pub fn rfc3339(unix_seconds: u64) -> String {
    let days = unix_seconds / 86_400;
    let seconds_of_day = unix_seconds % 86_400;
    let (year, month, day) = civil_date(days);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", seconds_of_day / 3600, seconds_of_day / 60 % 60, seconds_of_day % 60)
}

/// (year, month, day) of the day `days` after 1970-01-01 in the proleptic Gregorian calendar:
/// count 400-year eras (146,097 days each) from 0000-03-01, so leap days fall at the end of a
/// year that starts in March.
fn civil_date(days: u64) -> (u64, u64, u64) {
    const DAYS_FROM_0000_03_01_TO_EPOCH: u64 = 719_468;
    let since_march_0000 = days + DAYS_FROM_0000_03_01_TO_EPOCH;
    let era = since_march_0000 / 146_097;
    let day_of_era = since_march_0000 % 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// The image's name, as an engine lists it after loading the archive.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageName {
    pub repository: String,
    pub tag: String,
}

impl ImageName {
    /// `swallow:0.1.0`: the name in `manifest.json` (`RepoTags`), which `docker load` reads.
    pub fn reference(&self) -> String {
        format!("{}:{}", self.repository, self.tag)
    }

    /// `docker.io/library/swallow:0.1.0`: the index's `io.containerd.image.name`, which Docker's
    /// containerd image store and podman read.
    pub fn fully_qualified(&self) -> String {
        format!("docker.io/library/{}", self.reference())
    }
}

/// Everything the image describes besides its files.
#[derive(Clone, Debug)]
pub struct ImageConfig {
    /// Named in the index the way `docker save` names an image (the tag as
    /// `org.opencontainers.image.ref.name`, the whole name as `io.containerd.image.name`) and in
    /// `manifest.json`.
    pub name: ImageName,
    pub entrypoint: Vec<String>,
    pub env: Vec<String>,
    pub working_dir: String,
    pub labels: BTreeMap<String, String>,
    /// Seconds since the epoch: the tar entries' modification time and the config's `created`.
    pub timestamp: u64,
    /// What the history entry says made the layer.
    pub created_by: String,
}

/// The written archive: its digests and sizes.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageDigests {
    /// The manifest's digest: the image's identity (what `skopeo inspect` reports as `Digest`).
    pub manifest: String,
    pub config: String,
    /// The compressed layer.
    pub layer: String,
    /// The uncompressed layer (the config's `rootfs.diff_ids`).
    pub layer_diff_id: String,
    pub layer_size: u64,
    pub layer_uncompressed_size: u64,
}

const MANIFEST_MEDIA_TYPE: &str = "application/vnd.oci.image.manifest.v1+json";
const CONFIG_MEDIA_TYPE: &str = "application/vnd.oci.image.config.v1+json";
const LAYER_MEDIA_TYPE: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
const INDEX_MEDIA_TYPE: &str = "application/vnd.oci.image.index.v1+json";

/// The OCI image archive of a one-layer image whose root filesystem holds `files`: the bytes
/// of the tar and its digests.
pub fn image_archive(files: &[Entry], config: &ImageConfig) -> anyhow::Result<(Vec<u8>, ImageDigests)> {
    let layer_tar = deterministic_tar(files, config.timestamp)?;
    let layer = deterministic_gzip(&layer_tar)?;
    let created = rfc3339(config.timestamp);
    let config_json = json!({
        "architecture": "amd64",
        "os": "linux",
        "created": created,
        "config": {
            "Entrypoint": config.entrypoint,
            "Env": config.env,
            "WorkingDir": config.working_dir,
            "Labels": config.labels,
        },
        "rootfs": {"type": "layers", "diff_ids": [digest_of(&layer_tar)]},
        "history": [{"created": created, "created_by": config.created_by}],
    });
    let config_bytes = serde_json::to_vec(&config_json)?;
    let descriptor = |media_type: &str, bytes: &[u8]| json!({"mediaType": media_type, "digest": digest_of(bytes), "size": bytes.len()});
    let manifest_bytes = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": MANIFEST_MEDIA_TYPE,
        "config": descriptor(CONFIG_MEDIA_TYPE, &config_bytes),
        "layers": [descriptor(LAYER_MEDIA_TYPE, &layer)],
    }))?;
    let mut manifest_descriptor = descriptor(MANIFEST_MEDIA_TYPE, &manifest_bytes);
    manifest_descriptor["platform"] = json!({"architecture": "amd64", "os": "linux"});
    manifest_descriptor["annotations"] = json!({
        "org.opencontainers.image.ref.name": config.name.tag,
        "io.containerd.image.name": config.name.fully_qualified(),
    });
    let index_bytes = serde_json::to_vec(&json!({"schemaVersion": 2, "mediaType": INDEX_MEDIA_TYPE, "manifests": [manifest_descriptor]}))?;
    let blob_path = |bytes: &[u8]| format!("blobs/sha256/{}", crate::sha256_hex(bytes));
    // `docker load` of the classic image store reads this file (the format `docker save`
    // writes), not index.json; it finds the same blobs.
    let docker_manifest_bytes = serde_json::to_vec(&json!([{
        "Config": blob_path(&config_bytes),
        "RepoTags": [config.name.reference()],
        "Layers": [blob_path(&layer)],
    }]))?;

    let archive = deterministic_tar(
        &[
            Entry::file("oci-layout", 0o644, br#"{"imageLayoutVersion":"1.0.0"}"#.to_vec()),
            Entry::file("index.json", 0o644, index_bytes),
            Entry::file("manifest.json", 0o644, docker_manifest_bytes),
            Entry::file(&blob_path(&config_bytes), 0o644, config_bytes.clone()),
            Entry::file(&blob_path(&manifest_bytes), 0o644, manifest_bytes.clone()),
            Entry::file(&blob_path(&layer), 0o644, layer.clone()),
        ],
        config.timestamp,
    )?;
    let digests = ImageDigests {
        manifest: digest_of(&manifest_bytes),
        config: digest_of(&config_bytes),
        layer: digest_of(&layer),
        layer_diff_id: digest_of(&layer_tar),
        layer_size: layer.len() as u64,
        layer_uncompressed_size: layer_tar.len() as u64,
    };
    Ok((archive, digests))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::io::Read;

    /// (path, entry type, mode, uid, gid, mtime, contents) of every entry of a tar, in order.
    pub fn tar_listing(bytes: &[u8]) -> Vec<(String, tar::EntryType, u32, u64, u64, u64, Vec<u8>)> {
        let mut archive = tar::Archive::new(bytes);
        archive
            .entries()
            .unwrap()
            .map(|entry| {
                let mut entry = entry.unwrap();
                let header = entry.header().clone();
                let mut contents = Vec::new();
                entry.read_to_end(&mut contents).unwrap();
                let path = String::from_utf8(entry.path_bytes().into_owned()).unwrap();
                (path, header.entry_type(), header.mode().unwrap(), header.uid().unwrap(), header.gid().unwrap(), header.mtime().unwrap(), contents)
            })
            .collect()
    }

    fn sample_entries() -> Vec<Entry> {
        vec![
            Entry::directory("/tmp", 0o1777),
            Entry::file("/usr/local/bin/swallow", 0o755, b"\x7fELF binary".to_vec()),
            Entry::file("/lib64/ld-linux-x86-64.so.2", 0o755, b"loader".to_vec()),
            Entry::file("/lib/x86_64-linux-gnu/libc.so.6", 0o755, b"libc".to_vec()),
        ]
    }

    #[test]
    fn tar_entries_are_sorted_with_their_parents_and_fixed_metadata() {
        let bytes = deterministic_tar(&sample_entries(), 1_700_000_000).unwrap();
        let listing = tar_listing(&bytes);
        let paths: Vec<&str> = listing.iter().map(|entry| entry.0.as_str()).collect();
        assert_eq!(
            paths,
            [
                "lib/",
                "lib/x86_64-linux-gnu/",
                "lib/x86_64-linux-gnu/libc.so.6",
                "lib64/",
                "lib64/ld-linux-x86-64.so.2",
                "tmp/",
                "usr/",
                "usr/local/",
                "usr/local/bin/",
                "usr/local/bin/swallow"
            ]
        );
        for (path, entry_type, mode, uid, gid, mtime, contents) in &listing {
            assert_eq!((*uid, *gid, *mtime), (0, 0, 1_700_000_000), "{path}");
            let expected_mode = if path == "tmp/" { 0o1777 } else { 0o755 };
            assert_eq!(*mode, expected_mode, "{path}");
            assert_eq!(entry_type.is_dir(), path.ends_with('/'), "{path}");
            if path == "usr/local/bin/swallow" {
                assert_eq!(contents, b"\x7fELF binary");
            }
        }
        // No owner names either: nothing from the machine that wrote it.
        let mut archive = tar::Archive::new(bytes.as_slice());
        for entry in archive.entries().unwrap() {
            let entry = entry.unwrap();
            assert_eq!(entry.header().username_bytes().unwrap_or_default(), b"");
            assert_eq!(entry.header().groupname_bytes().unwrap_or_default(), b"");
        }
    }

    #[test]
    fn the_same_entries_give_the_same_bytes_in_any_order() {
        let entries = sample_entries();
        let mut reversed = entries.clone();
        reversed.reverse();
        let first = deterministic_tar(&entries, 42).unwrap();
        assert_eq!(first, deterministic_tar(&reversed, 42).unwrap());
        assert_ne!(first, deterministic_tar(&entries, 43).unwrap(), "the time is the given one");
        assert_eq!(deterministic_gzip(&first).unwrap(), deterministic_gzip(&first).unwrap());
    }

    #[test]
    fn duplicate_or_empty_paths_are_refused() {
        let twice = [Entry::file("a/b", 0o644, vec![]), Entry::file("/a/b/", 0o644, vec![1])];
        assert!(format!("{:#}", deterministic_tar(&twice, 0).unwrap_err()).contains("two tar entries are named a/b"));
        assert!(deterministic_tar(&[Entry::directory("/", 0o755)], 0).is_err());
    }

    #[test]
    fn gzip_header_holds_no_name_and_no_time() {
        let compressed = deterministic_gzip(b"layer bytes").unwrap();
        // RFC 1952: magic, method, flags (no FNAME/FCOMMENT/FEXTRA), 4 bytes of mtime, XFL, OS.
        assert_eq!(&compressed[..4], &[0x1f, 0x8b, 8, 0]);
        assert_eq!(&compressed[4..8], &[0, 0, 0, 0]);
        assert_eq!(compressed[9], 255);
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(compressed.as_slice()).read_to_end(&mut decoded).unwrap();
        assert_eq!(decoded, b"layer bytes");
    }

    #[test]
    fn rfc3339_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_353_001), "2026-11-22T13:10:01Z");
        assert_eq!(rfc3339(4_107_542_399), "2100-02-28T23:59:59Z");
    }

    fn config(timestamp: u64) -> ImageConfig {
        ImageConfig {
            name: ImageName { repository: "swallow".into(), tag: "0.1.0".into() },
            entrypoint: vec!["swallow".into()],
            env: vec!["PATH=/usr/local/bin:/usr/bin:/bin".into()],
            working_dir: "/".into(),
            labels: BTreeMap::from([("org.opencontainers.image.version".to_owned(), "0.1.0".to_owned())]),
            timestamp,
            created_by: "test".into(),
        }
    }

    #[test]
    fn the_layout_links_index_manifest_config_and_layer_by_digest() {
        let (archive, digests) = image_archive(&sample_entries(), &config(1_795_353_001)).unwrap();
        let listing = tar_listing(&archive);
        let file = |name: &str| listing.iter().find(|entry| entry.0 == name).map(|entry| entry.6.clone()).unwrap_or_else(|| panic!("no {name}"));
        let blob = |digest: &str| file(&format!("blobs/sha256/{}", digest.trim_start_matches("sha256:")));
        let paths: Vec<&str> = listing.iter().map(|entry| entry.0.as_str()).collect();
        assert_eq!(&paths[..2], ["blobs/", "blobs/sha256/"]);
        assert_eq!(&paths[5..], ["index.json", "manifest.json", "oci-layout"]);
        assert_eq!(file("oci-layout"), br#"{"imageLayoutVersion":"1.0.0"}"#);

        let index: serde_json::Value = serde_json::from_slice(&file("index.json")).unwrap();
        assert_eq!(index["manifests"][0]["digest"], digests.manifest.as_str());
        assert_eq!(index["manifests"][0]["annotations"]["org.opencontainers.image.ref.name"], "0.1.0");
        assert_eq!(index["manifests"][0]["annotations"]["io.containerd.image.name"], "docker.io/library/swallow:0.1.0");
        let manifest_bytes = blob(&digests.manifest);
        assert_eq!(digest_of(&manifest_bytes), digests.manifest);
        let manifest: serde_json::Value = serde_json::from_slice(&manifest_bytes).unwrap();
        assert_eq!(manifest["config"]["digest"], digests.config.as_str());
        assert_eq!(manifest["layers"][0]["digest"], digests.layer.as_str());
        assert_eq!(manifest["layers"][0]["size"], digests.layer_size);
        let config: serde_json::Value = serde_json::from_slice(&blob(&digests.config)).unwrap();
        assert_eq!(config["created"], "2026-11-22T13:10:01Z");
        assert_eq!(config["config"]["Entrypoint"], json!(["swallow"]));
        assert_eq!(config["rootfs"]["diff_ids"][0], digests.layer_diff_id.as_str());
        let mut layer_tar = Vec::new();
        flate2::read::GzDecoder::new(blob(&digests.layer).as_slice()).read_to_end(&mut layer_tar).unwrap();
        assert_eq!(digest_of(&layer_tar), digests.layer_diff_id);
        assert!(tar_listing(&layer_tar).iter().any(|entry| entry.0 == "usr/local/bin/swallow"));

        let docker: serde_json::Value = serde_json::from_slice(&file("manifest.json")).unwrap();
        assert_eq!(docker[0]["RepoTags"], json!(["swallow:0.1.0"]));
        assert_eq!(blob(docker[0]["Config"].as_str().unwrap().trim_start_matches("blobs/sha256/")), blob(&digests.config));
        assert_eq!(docker[0]["Layers"][0], format!("blobs/sha256/{}", digests.layer.trim_start_matches("sha256:")));
    }

    #[test]
    fn the_same_inputs_give_the_same_archive() {
        let (first, first_digests) = image_archive(&sample_entries(), &config(7)).unwrap();
        let mut reordered = sample_entries();
        reordered.rotate_left(2);
        let (second, second_digests) = image_archive(&reordered, &config(7)).unwrap();
        assert_eq!(first_digests, second_digests);
        assert!(first == second, "the archives differ byte for byte");
        let (_, later) = image_archive(&sample_entries(), &config(8)).unwrap();
        assert_ne!(later.manifest, first_digests.manifest, "another timestamp is another image");
    }
}
