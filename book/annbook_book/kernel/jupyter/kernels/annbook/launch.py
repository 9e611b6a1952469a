"""Start the IPython kernel that executes the book's chapters.

TensorFlow's C++ core writes log lines straight to file descriptor 2. Some
are noise on every CPU-only machine: absl's "All log messages before
absl::InitializeLog()", the CUDA stub's "Could not find cuda drivers",
cuInit's failure without a GPU, the CPU-feature notices (also oneDNN's, on
some CPUs with AVX-512, that it falls back to Eigen for boolean tensors, as
masking makes), and TensorFlow
2.21's complaint that its own tf.data Python code sets an attribute
(``use_unbounded_threadpool``) its C++ op does not know, and tf.data's
"Optimization loop failed: CANCELLED" when ``fit`` drops a dataset while its
autotuning thread is still running (under load, after early stopping), and
tf.data's note that it cannot optimise the generator through which a
``tf.distribute`` strategy feeds ``fit`` from NumPy arrays, and the
rendezvous's "aborting with status: CANCELLED: GetNextFromShard was
cancelled" (with the node it names on the next line) when ``fit`` under a
strategy drops its multi-device iterator while a shard's prefetch is still
waiting, which happens or not depending on timing. In a chapter they would
appear as stderr output and fail the build.

So this launcher points descriptor 2 at a pipe before the kernel starts,
and a thread reads it for the kernel's whole life: the known noise lines
above are dropped, every other line is passed on, into the running cell's
stderr once the kernel is up. TensorFlow itself is imported by the chapter's
first cell, so the kernel starts at once, however busy the machine. Any real C++ warning or error thus still
reaches the chapter, where ``nb_output_stderr = "error"`` fails the build.
``TF_CPP_MIN_LOG_LEVEL=1`` (kernel.json) drops TensorFlow's INFO lines, and
``capture_fd_output=False`` leaves descriptor 2 to this launcher instead of
ipykernel.
"""

import os
import re
import sys
import threading

NOISE = re.compile(
    rb"WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR"
    rb"|[IWE]\d{4} [\d:. ]+\d+ (cudart_stub|cuda_platform|cuda_executor|cuda_dnn|cuda_fft"
    rb"|cuda_blas|cpu_feature_guard|port)\.cc:\d+\] .*"
    rb"|To enable the following instructions: .* rebuild TensorFlow .*"
    rb"|E\d{4} [\d:. ]+\d+ util\.cc:\d+\] oneDNN supports DT_BOOL only on platforms with "
    rb"AVX-512\. Falling back to the default Eigen-based implementation if present\."
    rb"|E\d{4} [\d:. ]+\d+ node_def_util\.cc:\d+\] NodeDef mentions attribute "
    rb"use_unbounded_threadpool which is not in the op definition: .*"
    rb"|W\d{4} [\d:. ]+\d+ root_dataset\.cc:\d+\] Optimization loop failed: "
    rb"CANCELLED: Operation was cancelled"
    rb"|W\d{4} [\d:. ]+\d+ dataset\.cc:\d+\] Input of GeneratorDatasetOp::Dataset will not be "
    rb"optimized because the dataset does not implement the AsGraphDefInternal\(\) method "
    rb"needed to apply optimizations\."
    rb"|W\d{4} [\d:. ]+\d+ local_rendezvous\.cc:\d+\] Local rendezvous is aborting with "
    rb"status: CANCELLED: GetNextFromShard was cancelled"
)
#: The line TensorFlow may add below a dropped line to name the op it came from.
NODE = re.compile(rb"\s*\[\[\{\{node \w+\}\}\]\]")


class NoiseFilter:
    """Tell, line by line, which of TensorFlow's lines to pass on."""

    def __init__(self) -> None:
        self.dropped = False  # whether the line before was dropped as noise

    def passes(self, line: bytes) -> bool:
        """Return whether ``line`` is to be passed on (not noise)."""
        text = line.rstrip(b"\r\n")
        noise = NOISE.fullmatch(text) is not None or (
            self.dropped and NODE.fullmatch(text) is not None
        )
        self.dropped = noise
        return not noise


def _filter(read_fd: int, terminal_fd: int, startup_stderr: object) -> None:
    noise = NoiseFilter()
    with os.fdopen(read_fd, "rb") as pipe:
        for line in pipe:
            if not noise.passes(line):
                continue
            if sys.stderr is startup_stderr:  # the kernel is not up yet
                os.write(terminal_fd, line)
            else:  # ipykernel's stream: the line lands in the running cell
                sys.stderr.write(line.decode(errors="replace"))
                sys.stderr.flush()


def main() -> None:
    terminal_fd = os.dup(2)
    read_fd, write_fd = os.pipe()
    os.dup2(write_fd, 2)
    os.close(write_fd)
    threading.Thread(target=_filter, args=(read_fd, terminal_fd, sys.stderr), daemon=True).start()

    # TensorFlow imports Matplotlib; choose the inline backend first, as
    # ipykernel would, so that figures appear in the chapter.
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")

    from ipykernel import kernelapp  # noqa: PLC0415

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
