//! A check of old Excel files (`.xls`, BIFF inside an OLE compound file) before the
//! spreadsheet reader opens them: the reader reserves memory for every cell a
//! sheet's dimensions record claims, so a 5 KB file claiming 4 billion rows by
//! 65,536 columns would ask for terabytes and abort the process. Here the
//! compound file is read just enough to find the workbook stream, its records are
//! walked, and any sheet whose dimensions do not fit the `.xls` grid (65,536 rows ×
//! 256 columns) is refused with a message. A file this check cannot follow is
//! refused too: the reader has read such files into terabyte-sized grids.

use crate::data::import::ImportError;

/// Most cells an `.xls` sheet can have (65,536 rows × 256 columns).
pub const MAX_CELLS: u64 = 65_536 * 256;

/// Refuse an `.xls` file whose sheet dimensions exceed the `.xls` grid.
pub fn check(bytes: &[u8]) -> Result<(), ImportError> {
    let looped = std::cell::Cell::new(false);
    let stream = workbook_stream(bytes, &looped);
    if looped.get() {
        // The reader would follow the loop until it ran out of memory.
        return Err(ImportError::Unsupported(
            "this .xls workbook is damaged: its table of contents loops back on itself or \
             lists more parts than the file holds. Open it in Excel and save it again, or save \
             it as CSV UTF-8"
                .into(),
        ));
    }
    let Some(stream) = stream else {
        // Not followed here, so not checked: when in doubt, refuse. (Twice the
        // spreadsheet reader read a workbook this could not find, into a 28 GB grid.)
        return Err(ImportError::Unsupported(
            "this .xls workbook is damaged: huddle cannot find its sheets' data in it. Open it \
             in Excel and save it again, or save it as CSV UTF-8"
                .into(),
        ));
    };
    // The workbook globals: dimensions anywhere, and where each sheet starts.
    let mut sheets: Vec<usize> = Vec::new();
    for (id, data) in records(&stream, 0) {
        match id {
            0x0200 => dimensions_fit(data)?,
            0x0085 => sheets.extend(u32_at(data, 0).map(|p| p as usize)),
            _ => {}
        }
    }
    sheets.sort_unstable();
    sheets.dedup();
    if sheets.len() > MAX_SHEETS {
        return Err(ImportError::Unsupported(format!(
            "this .xls workbook is damaged: it lists {} sheets (huddle opens up to {MAX_SHEETS}). \
             Open it in Excel and save it again, or save it as CSV UTF-8",
            sheets.len()
        )));
    }
    // Each sheet as the reader reads it: from its position to its EOF, skipping
    // nested substreams (charts); the reader lays its cells out densely.
    for pos in sheets {
        let mut extent = Extent::default();
        let mut seen_bof = false;
        let mut depth = 0usize;
        for (id, data) in records(&stream, pos) {
            if depth > 0 {
                match id {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match id {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                // The reader reserves room for every cell a sheet's dimensions
                // claim, and a sheet read from its own position can meet a
                // dimensions record the walk from the stream's start never saw.
                0x0200 => dimensions_fit(data)?,
                // NUMBER, LABEL, LABELSST, RK, BOOLERR, FORMULA, BLANK, RSTRING.
                0x0203 | 0x0204 | 0x00FD | 0x027E | 0x0205 | 0x0006 | 0x0201 | 0x00D6 => {
                    if let (Some(r), Some(c)) = (u16_at(data, 0), u16_at(data, 2)) {
                        extent.add(r, c);
                    }
                }
                // MULRK, MULBLANK: a row of cells from one column to another.
                0x00BD | 0x00BE => {
                    if let (Some(r), Some(c), Some(last)) = (
                        u16_at(data, 0),
                        u16_at(data, 2),
                        data.len().checked_sub(2).and_then(|at| u16_at(data, at)),
                    ) {
                        extent.add(r, c);
                        extent.add(r, last);
                    }
                }
                _ => {}
            }
        }
        extent.fits()?;
    }
    Ok(())
}

/// Most sheets an `.xls` workbook may list.
pub const MAX_SHEETS: usize = 4_096;

/// The BIFF records of `stream` from byte `from`: (record id, data).
fn records(stream: &[u8], from: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut i = from;
    std::iter::from_fn(move || {
        let id = u16_at(stream, i)?;
        let len = usize::from(u16_at(stream, i + 2)?);
        let data = stream.get(i + 4..i + 4 + len)?;
        i += 4 + len;
        Some((id, data))
    })
}

/// The rows and columns a sheet's cells span: the reader lays them out densely.
#[derive(Default)]
struct Extent(Option<(u16, u16, u16, u16)>);

impl Extent {
    fn add(&mut self, r: u16, c: u16) {
        self.0 = Some(match self.0 {
            None => (r, r, c, c),
            Some((r0, r1, c0, c1)) => (r0.min(r), r1.max(r), c0.min(c), c1.max(c)),
        });
    }

    fn fits(&self) -> Result<(), ImportError> {
        let Some((r0, r1, c0, c1)) = self.0 else {
            return Ok(());
        };
        let rows = u64::from(r1 - r0) + 1;
        let cols = u64::from(c1 - c0) + 1;
        if rows * cols > MAX_CELLS {
            return Err(ImportError::Unsupported(format!(
                "this .xls workbook is damaged: a sheet has cells across {rows} rows and {cols} \
                 columns, more than an .xls file can hold (65,536 rows × 256 columns). Open it in \
                 Excel and save it again, or save it as CSV UTF-8"
            )));
        }
        Ok(())
    }
}

/// The dimensions record as the spreadsheet reader reads it (MS-XLS 2.4.90).
fn dimensions_fit(r: &[u8]) -> Result<(), ImportError> {
    let (rf, rl, cf, cl) = match r.len() {
        10 => (
            u64::from(u16_at(r, 0).unwrap_or(0)),
            u64::from(u16_at(r, 2).unwrap_or(0)),
            u64::from(u16_at(r, 4).unwrap_or(0)),
            u64::from(u16_at(r, 6).unwrap_or(0)),
        ),
        14 | 16 => (
            u64::from(u32_at(r, 0).unwrap_or(0)),
            u64::from(u32_at(r, 4).unwrap_or(0)),
            u64::from(u16_at(r, 8).unwrap_or(0)),
            u64::from(u16_at(r, 10).unwrap_or(0)),
        ),
        _ => return Ok(()),
    };
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    if rl == 0 || cl == 0 {
        return Ok(());
    }
    if rf >= rl || (rl - rf).saturating_mul(cl - cf) > MAX_CELLS {
        return Err(ImportError::Unsupported(format!(
            "this .xls workbook is damaged: a sheet claims rows {rf} to {rl} and columns {cf} to \
             {cl}, more than an .xls file can hold (65,536 rows × 256 columns). Open it in Excel \
             and save it again, or save it as CSV UTF-8"
        )));
    }
    Ok(())
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// End of a sector chain, and the ids that are not sectors.
const LAST_REGULAR: u32 = 0xFFFF_FFFA;

/// The `Workbook` (or `Book`) stream of an OLE compound file, or `None` when the
/// file cannot be followed. Every chain of sectors the spreadsheet reader follows
/// (directory, mini stream, mini FAT, workbook) is followed here; `looped` is set
/// when one of them never ends.
fn workbook_stream(bytes: &[u8], looped: &std::cell::Cell<bool>) -> Option<Vec<u8>> {
    let shift = u16_at(bytes, 0x1E)?;
    let mini_shift = u16_at(bytes, 0x20)?;
    if !(7..=16).contains(&shift) || mini_shift >= shift {
        return None;
    }
    let sector = 1usize << shift;
    let sectors_in_file = bytes.len() / sector;
    // A last sector cut short by the end of the file is read as far as it goes,
    // as the reader does.
    let sector_at = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(sector)?;
        let end = start.checked_add(sector)?.min(bytes.len());
        bytes.get(start..end).filter(|s| !s.is_empty())
    };
    // The FAT: its sector ids come from the header's DIFAT, then the DIFAT chain.
    let mut fat_ids: Vec<u32> = (0..109)
        .filter_map(|k| u32_at(bytes, 0x4C + 4 * k))
        .filter(|id| *id <= LAST_REGULAR)
        .collect();
    let mut difat = u32_at(bytes, 0x44)?;
    let mut hops = 0;
    while difat <= LAST_REGULAR && hops <= sectors_in_file {
        let s = sector_at(difat)?;
        let per = sector / 4 - 1;
        fat_ids.extend(
            (0..per)
                .filter_map(|k| u32_at(s, 4 * k))
                .filter(|id| *id <= LAST_REGULAR),
        );
        difat = u32_at(s, 4 * per)?;
        hops += 1;
    }
    if fat_ids.len() > sectors_in_file {
        // More FAT sectors than the file has sectors: the reader would read them all.
        looped.set(true);
        return None;
    }
    let mut fat: Vec<u32> = Vec::with_capacity(fat_ids.len() * sector / 4);
    for id in fat_ids {
        let s = sector_at(id)?;
        fat.extend((0..sector / 4).filter_map(|k| u32_at(s, 4 * k)));
    }
    // A chain stops, as the reader's does, once it holds `len` bytes: sectors the
    // FAT lists past that are never read (a damaged tail must not hide the stream).
    let chain = |start: u32,
                 unit: usize,
                 read: &dyn Fn(u32) -> Option<Vec<u8>>,
                 table: &[u32],
                 len: usize| {
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0usize;
        while id <= LAST_REGULAR {
            if steps > table.len() || out.len() > bytes.len().max(unit) * 2 {
                looped.set(true);
                return None;
            }
            out.extend_from_slice(&read(id)?);
            if out.len() >= len {
                out.truncate(len);
                break;
            }
            id = *table.get(id as usize)?;
            steps += 1;
        }
        Some(out)
    };
    let regular = |id: u32| sector_at(id).map(<[u8]>::to_vec);
    let dir = chain(u32_at(bytes, 0x30)?, sector, &regular, &fat, usize::MAX)?;
    let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
    let root = entries.first()?;
    let (mini_fat, mini_stream) = if u32_at(bytes, 0x40)? > 0 {
        let mini_fat_len = (u32_at(bytes, 0x40)? as usize).saturating_mul(sector);
        let mini_fat_bytes = chain(u32_at(bytes, 0x3C)?, sector, &regular, &fat, mini_fat_len)?;
        let mini_fat: Vec<u32> = (0..mini_fat_bytes.len() / 4)
            .filter_map(|k| u32_at(&mini_fat_bytes, 4 * k))
            .collect();
        (
            mini_fat,
            chain(
                u32_at(root, 0x74)?,
                sector,
                &regular,
                &fat,
                u32_at(root, 0x78)? as usize,
            )?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    // As the reader reads a name: all 64 bytes as UTF-16, up to the first NUL; the
    // entry's name-length field is not looked at.
    let name_of = |e: &[u8]| -> String {
        let units: Vec<u16> = (0..32).filter_map(|k| u16_at(e, 2 * k)).collect();
        let name = String::from_utf16_lossy(&units);
        name.split('\0').next().unwrap_or_default().to_string()
    };
    // By name only (in any case), whatever the entry's type says, as the reader
    // looks it up: `Workbook`, else `Book`.
    let named = |n: &str| entries.iter().find(|e| name_of(e).eq_ignore_ascii_case(n));
    let book = named("Workbook").or_else(|| named("Book"))?;
    let start = u32_at(book, 0x74)?;
    // With 4,096-byte sectors the size is 64 bits, as the reader reads it.
    let size = match shift {
        12 => {
            let high = u64::from(u32_at(book, 0x7C)?);
            usize::try_from((high << 32) | u64::from(u32_at(book, 0x78)?)).ok()?
        }
        _ => u32_at(book, 0x78)? as usize,
    };
    // The reader takes a stream under 4,096 bytes from the mini stream, whatever the
    // header's cutoff field says.
    let mut data = if size >= 4096 {
        chain(start, sector, &regular, &fat, size)?
    } else {
        // A small stream lives in the mini stream, addressed by the mini FAT.
        let mini = 1usize << mini_shift;
        let read_mini = |id: u32| {
            let at = (id as usize).checked_mul(mini)?;
            mini_stream
                .get(at..at.checked_add(mini)?)
                .map(<[u8]>::to_vec)
        };
        chain(start, mini, &read_mini, &mini_fat, size)?
    };
    data.truncate(size);
    Some(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_xls_fixture_is_followed_and_passes() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/data/members_biff8.xls"
        );
        let bytes = std::fs::read(path).unwrap();
        let looped = std::cell::Cell::new(false);
        let stream = workbook_stream(&bytes, &looped).expect("the workbook stream is found");
        assert!(!looped.get());
        assert_eq!(
            u16_at(&stream, 0),
            Some(0x0809),
            "it starts with a BOF record"
        );
        assert!(check(&bytes).is_ok());
    }

    #[test]
    fn a_directory_chain_that_loops_is_refused() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/data/members_biff8.xls"
        );
        let mut bytes = std::fs::read(path).unwrap();
        // Point the first directory sector's FAT entry back at itself.
        let dir = u32_at(&bytes, 0x30).unwrap() as usize;
        let fat0 = u32_at(&bytes, 0x4C).unwrap() as usize;
        let at = (fat0 + 1) * 512 + 4 * dir;
        bytes[at..at + 4].copy_from_slice(&(dir as u32).to_le_bytes());
        let e = check(&bytes).unwrap_err().to_string();
        assert!(e.contains("loops back on itself"), "{e}");
    }

    #[test]
    fn dimensions_past_the_xls_grid_are_refused() {
        let mut r = Vec::new();
        for v in [0u32, 4_000_000_000] {
            r.extend_from_slice(&v.to_le_bytes());
        }
        r.extend_from_slice(&[0, 0, 0xff, 0xff, 0, 0]);
        let e = dimensions_fit(&r).unwrap_err().to_string();
        assert!(e.contains("65,536 rows × 256 columns"), "{e}");
        // Rows that run backwards (the reader would wrap around) too.
        let mut back = Vec::new();
        for v in [10u32, 5] {
            back.extend_from_slice(&v.to_le_bytes());
        }
        back.extend_from_slice(&[0, 0, 3, 0, 0, 0]);
        assert!(dimensions_fit(&back).is_err());
        let mut ok = Vec::new();
        for v in [0u32, 1000] {
            ok.extend_from_slice(&v.to_le_bytes());
        }
        ok.extend_from_slice(&[0, 0, 12, 0, 0, 0]);
        assert!(dimensions_fit(&ok).is_ok());
    }
}
