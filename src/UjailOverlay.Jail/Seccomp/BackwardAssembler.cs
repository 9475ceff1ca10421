// Assembles a classic BPF program from its last instruction to its first. Classic BPF jumps only forward
// (net/core/filter.c, bpf_check_classic), so emitting backwards means every jump target already has a place and
// every offset is known when the jump is written. A label is a position counted from the end of the program (the
// last instruction is 0). jt/jf reach at most 255 instructions (linux/filter.h: __u8); a farther target gets a
// BPF_JA trampoline right after the jump, since BPF_JA's offset is the 32-bit k.
using static UjailOverlay.Jail.Seccomp.SeccompConstants;

namespace UjailOverlay.Jail.Seccomp;

internal sealed class BackwardAssembler
{
    private readonly List<SockFilter> _reversed = [];
    private readonly Dictionary<uint, int> _lastReturn = [];

    /// <summary>The label the next emitted instruction gets; a jump emitted now reaches label L after Next - L - 1
    /// instructions.</summary>
    public int Next => _reversed.Count;

    /// <summary>A non-jump instruction placed before everything emitted so far.</summary>
    public int Statement(ushort code, uint k)
    {
        _reversed.Add(SockFilter.Stmt(code, k));
        return _reversed.Count - 1;
    }

    /// <summary>LD W ABS: A = the 32-bit word at offset of struct seccomp_data.</summary>
    public int LoadWord(uint offset) => Statement(BPF_LD | BPF_W | BPF_ABS, offset);

    /// <summary>RET K. An equal return already emitted is reused when a jump from here still reaches it, so the
    /// many leaves of one action share a few instructions.</summary>
    public int Return(uint value)
    {
        if (_lastReturn.TryGetValue(value, out int label) && Distance(label) <= MaxConditionalJump)
            return label;
        label = Statement(BPF_RET | BPF_K, value);
        _lastReturn[value] = label;
        return label;
    }

    /// <summary>A conditional jump on A against k (BPF_JMP | op | BPF_K) to two labels already emitted.</summary>
    public int Branch(ushort op, uint k, int whenTrue, int whenFalse)
    {
        // Each trampoline moves the other target one instruction farther, hence the loop (at most three turns).
        while (Distance(whenTrue) > MaxConditionalJump || Distance(whenFalse) > MaxConditionalJump)
        {
            if (Distance(whenTrue) > MaxConditionalJump)
                whenTrue = Trampoline(whenTrue);
            else
                whenFalse = Trampoline(whenFalse);
        }
        _reversed.Add(SockFilter.Jump((ushort)(BPF_JMP | op | BPF_K), k,
            (byte)Distance(whenTrue), (byte)Distance(whenFalse)));
        return _reversed.Count - 1;
    }

    /// <summary>The program in execution order.</summary>
    public SockFilter[] ToProgram()
    {
        var program = _reversed.ToArray();
        Array.Reverse(program);
        return program;
    }

    private int Distance(int label) => Next - label - 1;

    private int Trampoline(int target)
    {
        _reversed.Add(SockFilter.Stmt(BPF_JMP | BPF_JA, (uint)Distance(target)));
        return _reversed.Count - 1;
    }
}
