//! The `swallow` executable: everything lives in the library's `cli` module, except the
//! choice of allocator.

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};

/// mimalloc instead of the system allocator: the interpreter makes many small, short-lived
/// allocations, and mimalloc's per-size free lists make them cheaper (see ARCHITECTURE
/// "Memory: reference counting plus a cycle collector").
#[global_allocator]
static GLOBAL: BoundedMiMalloc = BoundedMiMalloc;

/// The most one allocation may ask for: the machine's RAM plus swap, set before `main`
/// (unbounded until then, and where it cannot be read).
static LARGEST_ALLOCATION: AtomicUsize = AtomicUsize::new(usize::MAX);

/// mimalloc, refusing requests larger than `LARGEST_ALLOCATION`. mimalloc maps memory with
/// `MAP_NORESERVE`, so the kernel grants even a 20 TB request that the system allocator is
/// refused, and the program then pages until it is killed; refused here, the request fails
/// the way `"ab" * 10 ** 13` must (`try_reserve` errors, a MemoryError).
struct BoundedMiMalloc;

/// True for a request larger than `LARGEST_ALLOCATION`.
#[inline(always)]
fn over_bound(size: usize) -> bool {
    size > LARGEST_ALLOCATION.load(Ordering::Relaxed)
}

/// The largest alignment every mimalloc block has (its size classes are multiples of the
/// word size): requests aligned to at most this go to `mi_malloc`, `mi_zalloc` and
/// `mi_realloc`. `mi_malloc_aligned`, which `mimalloc::MiMalloc` calls for every request, costs
/// about 90 instructions per allocation against `mi_malloc`'s fast path of about 20.
const WORD_ALIGN: usize = std::mem::size_of::<usize>();

// SAFETY: every method forwards to mimalloc, through `MiMalloc` (a correct `GlobalAlloc`) or
// through the unaligned entry points for requests aligned to at most `WORD_ALIGN` (which all
// mimalloc blocks are), or returns null, which `GlobalAlloc` allows for a request it cannot
// satisfy. Every block, however allocated, is freed by `mi_free` (which `MiMalloc` uses too).
unsafe impl GlobalAlloc for BoundedMiMalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if over_bound(layout.size()) {
            return std::ptr::null_mut();
        }
        if layout.align() <= WORD_ALIGN {
            // SAFETY: `mi_malloc` takes any size; its blocks are word aligned.
            return unsafe { libmimalloc_sys::mi_malloc(layout.size()) }.cast();
        }
        // SAFETY: the caller's contract for `layout` is passed on unchanged.
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if over_bound(layout.size()) {
            return std::ptr::null_mut();
        }
        if layout.align() <= WORD_ALIGN {
            // SAFETY: as in `alloc`, zeroed.
            return unsafe { libmimalloc_sys::mi_zalloc(layout.size()) }.cast();
        }
        // SAFETY: as in `alloc`.
        unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, that is from mimalloc, with `layout`.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if over_bound(new_size) {
            return std::ptr::null_mut();
        }
        if layout.align() <= WORD_ALIGN {
            // SAFETY: `ptr` is a live mimalloc block (from this allocator); a moved block is
            // word aligned, as `layout` asks.
            return unsafe { libmimalloc_sys::mi_realloc(ptr.cast(), new_size) }.cast();
        }
        // SAFETY: `ptr` came from mimalloc with `layout`; the caller's contract holds.
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}

/// Run before `main` and before the first allocation (an ELF `.init_array` entry): bound one
/// allocation by RAM plus swap (`LARGEST_ALLOCATION`), and set mimalloc to commit its arena on demand, not all at once, give freed pages back to the OS after 10 ms
/// instead of 1 s, and reserve arenas of 64 MiB instead of 1 GiB. With mimalloc's defaults
/// the peak RSS of every program was 6-8 MiB higher (deltablue 32 MiB instead of 9); with
/// these it is within 1-2 MiB of the system allocator's, and lower on programs with many
/// small objects. The smaller reservation halves what mimalloc adds to startup (its arena
/// bitmaps are set up at the first allocation).
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static CONFIGURE_ALLOCATOR: extern "C" fn() = configure_allocator;

#[cfg(target_os = "linux")]
extern "C" fn configure_allocator() {
    // SAFETY: `libc::sysinfo` is a C struct of integers, for which all zero bytes are valid.
    let mut info: libc::sysinfo = unsafe { std::mem::zeroed() };
    // SAFETY: `sysinfo` only writes the struct it is given, which lives for the call.
    if unsafe { libc::sysinfo(&mut info) } == 0 {
        let unit = u64::from(info.mem_unit.max(1));
        let bytes = (info.totalram as u64).saturating_add(info.totalswap as u64).saturating_mul(unit);
        LARGEST_ALLOCATION.store(usize::try_from(bytes).unwrap_or(usize::MAX), Ordering::Relaxed);
    }
    // SAFETY: `mi_option_set` only stores the value in mimalloc's option table (an index it
    // checks against the table's size); this runs once, on the main thread, before any other
    // code.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10);
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_RESERVE_KIB, 64 * 1024);
    }
}

/// `mi_option_arena_eager_commit`, `mi_option_purge_delay` and `mi_option_arena_reserve` (in
/// KiB) of the mimalloc 3 header that libmimalloc-sys (pinned in Cargo.toml) builds; its Rust
/// bindings have no constants for them.
#[cfg(target_os = "linux")]
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
#[cfg(target_os = "linux")]
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
#[cfg(target_os = "linux")]
const MI_OPTION_ARENA_RESERVE_KIB: libmimalloc_sys::mi_option_t = 23;

fn main() {
    let status = swallow::cli::main();
    std::process::exit(status);
}
