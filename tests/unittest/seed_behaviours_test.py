"""bwhop's own unittest-style checks of the seed behaviours, run with `bwhop test`.

Expected values: the graph texts are PyTorch's (shared/reference/expected/:
make_fx_multiply_invoke.txt, compiled_autograd_*.txt); the gradients follow
from the chain rule by hand.
"""
import functools
import itertools
import unittest
from unittest import mock

import torch
import torch._dynamo
import torch._dynamo.test_case
from torch import _inductor as inductor
from torch._dynamo import compiled_autograd
from torch._dynamo._trace_wrapped_higher_order_op import trace_wrapped
from torch._dynamo.testing import normalize_gm
from torch.fx.experimental.proxy_tensor import make_fx
from torch.testing._internal.common_utils import TestCase as TorchTestCase


def _square(t):
    return t * t


def _square_via_invoke(grad):
    return trace_wrapped(grad, fn=_square)


# The opposite of the config's default, so that the patch is observable.
_FLIPPED = not torch._functorch.config.guess_tangent_strides_as_outputs


def _leaf():
    return torch.tensor([0.5, 0.5], requires_grad=True)


class SeedBehaviourTests(torch._dynamo.test_case.TestCase):
    def test_eager_hook_squares_the_incoming_gradient(self):
        x = _leaf()
        y = _leaf()
        incoming = torch.tensor([2.0, 2.0])
        x.register_hook(_square_via_invoke)
        (x * y).backward(incoming)
        # d(x*y)/dx = y, times 2.0 gives 1.0, which squares to 1.0
        self.assertEqual(x.grad, y * incoming)
        self.assertEqual(y.grad, torch.tensor([1.0, 1.0]))

    def test_make_fx_records_one_opaque_invoke(self):
        x = _leaf()
        gm = make_fx(_square_via_invoke)(x)
        self.assertEqual(gm(x), torch.tensor([0.25, 0.25]))
        self.assertExpectedInline(
            normalize_gm(gm.print_readable(False)),
            """\
class _square_via_invoke(torch.nn.Module):
    def forward(self, grad_1: "f32[2]"):
        trace_wrapped: "f32[2]" = torch__dynamo__trace_wrapped_higher_order_op_self_invoke(grad_1);  grad_1 = None
        return trace_wrapped
""",
        )

    def test_make_fx_of_a_gradient_from_backward(self):
        x = _leaf()
        z = x * x
        (z + z).backward(torch.tensor([1.0, 1.0]))
        # d(2 x^2)/dx = 4x = 2.0 at 0.5
        self.assertEqual(x.grad, torch.tensor([2.0, 2.0]))
        gm = make_fx(_square_via_invoke)(x.grad)
        self.assertEqual(gm(x.grad), torch.tensor([4.0, 4.0]))
        self.assertExpectedInline(
            normalize_gm(gm.print_readable(False)),
            """\
class _square_via_invoke(torch.nn.Module):
    def forward(self, grad_1: "f32[2]"):
        trace_wrapped: "f32[2]" = torch__dynamo__trace_wrapped_higher_order_op_self_invoke(grad_1);  grad_1 = None
        return trace_wrapped
""",
        )

    def test_compiled_function_keeps_the_hook(self):
        def fn(x, y):
            x.register_hook(_square_via_invoke)
            return x * y

        for backend in ["eager", "aot_eager"]:
            torch._dynamo.reset()
            x = _leaf()
            y = _leaf()
            incoming = torch.tensor([2.0, 2.0])
            out = torch.compile(fn, backend=backend)(x, y)
            self.assertEqual(out, torch.tensor([0.25, 0.25]))
            out.backward(incoming)
            self.assertEqual(x.grad, incoming * y, msg=backend)

    @torch._functorch.config.patch(guess_tangent_strides_as_outputs=_FLIPPED)
    @mock.patch("torch._functorch.aot_autograd.AOT_COUNTER", new_callable=itertools.count)
    def test_stacked_patches_pass_the_mock(self, counter):
        import torch._functorch.aot_autograd

        self.assertIs(torch._functorch.aot_autograd.AOT_COUNTER, counter)
        self.assertEqual(next(counter), 0)
        self.assertEqual(torch._functorch.config.guess_tangent_strides_as_outputs, _FLIPPED)

    def test_patches_are_undone_after_use(self):
        import torch._functorch.aot_autograd

        self.assertEqual(torch._functorch.config.guess_tangent_strides_as_outputs, not _FLIPPED)
        original = torch._functorch.aot_autograd.AOT_COUNTER
        with mock.patch("torch._functorch.aot_autograd.AOT_COUNTER", new_callable=itertools.count) as c:
            self.assertIs(torch._functorch.aot_autograd.AOT_COUNTER, c)
        self.assertIs(torch._functorch.aot_autograd.AOT_COUNTER, original)
        with torch._functorch.config.patch(guess_tangent_strides_as_outputs=_FLIPPED):
            self.assertEqual(torch._functorch.config.guess_tangent_strides_as_outputs, _FLIPPED)
        self.assertEqual(torch._functorch.config.guess_tangent_strides_as_outputs, not _FLIPPED)

    def _compile_backward(self, fn, backend, x, y, grad):
        """Runs fn's compiled forward, then its backward under compiled autograd;
        returns the graph dynamo captured from the backward (fullgraph, dynamic)."""
        graphs = []

        def compiler_fn(gm):
            def inner(gm_, example_inputs_):
                graphs.append(gm_)
                return inductor.compile(gm_, example_inputs_)

            return torch.compile(gm, backend=inner, fullgraph=True, dynamic=True)

        out = torch.compile(fn, backend=backend, fullgraph=True)(x, y)
        with compiled_autograd._enable(compiler_fn):
            out.backward(grad)
        self.assertEqual(len(graphs), 1)
        return normalize_gm(graphs[0].print_readable(False))

    @torch._functorch.config.patch(guess_tangent_strides_as_outputs=True)
    @mock.patch("torch._functorch.aot_autograd.AOT_COUNTER", new_callable=itertools.count)
    def test_compiled_autograd_inlines_the_hook(self, _):
        def fn(x, y):
            x.register_hook(_square_via_invoke)
            return x + y

        x = _leaf()
        actual = self._compile_backward(fn, "aot_eager", x, _leaf(), torch.tensor([2.0, 2.0]))
        self.assertEqual(x.grad, torch.tensor([4.0, 4.0]))
        # PyTorch's graph for this case (shared/reference/expected/compiled_autograd_aot_eager.txt,
        # with the AOT id 0 of a fresh counter).
        self.assertExpectedInline(
            actual,
            """\
class GraphModule(torch.nn.Module):
    def forward(self, L_inputs_ : list, L_sizes_0_: "f32[0, 2]"):
        l_inputs_ = L_inputs_
        l_sizes_0_ = L_sizes_0_

        getitem: "f32[2]" = l_inputs_[0]
        getitem_1: "f32[2]" = l_inputs_[1]
        getitem_2: "f32[2]" = l_inputs_[2];  l_inputs_ = None

        size: "Sym(2)" = l_sizes_0_.size(1);  l_sizes_0_ = None

        validate_outputs = torch__dynamo_compiled_autograd_ops_validate_outputs([getitem], [((None, None, device(type='cpu'), 6, 0, None), [size], False, 6)]);  getitem = size = None
        getitem_9: "f32[2]" = validate_outputs[0];  validate_outputs = None

        call_aot_bwd_prologue = torch__dynamo_compiled_autograd_call_aot_bwd_prologue((), [], [], getitem_9);  getitem_9 = None
        aot0_tangents_1: "f32[2]" = call_aot_bwd_prologue[0];  call_aot_bwd_prologue = None

        accumulate_grad = torch__dynamo_compiled_autograd_ops_AccumulateGrad([aot0_tangents_1], getitem_1, None, False);  getitem_1 = None
        getitem_11: "f32[2]" = accumulate_grad[0];  accumulate_grad = None

        result: "f32[2]" = aot0_tangents_1 * aot0_tangents_1;  aot0_tangents_1 = None

        accumulate_grad_1 = torch__dynamo_compiled_autograd_ops_AccumulateGrad([result], getitem_2, None, False);  result = getitem_2 = None
        getitem_12: "f32[2]" = accumulate_grad_1[0];  accumulate_grad_1 = None
        return (getitem_11, getitem_12)
""",
        )

    @torch._functorch.config.patch(guess_tangent_strides_as_outputs=True)
    @mock.patch("torch._functorch.aot_autograd.AOT_COUNTER", new_callable=itertools.count)
    def test_compiled_autograd_lifts_hook_state(self, _):
        class Counter:
            def __init__(self):
                self.counter = 0

        def bump_then_square(t, obj):
            obj.counter = obj.counter + 1
            return _square(t)

        def invoke_with(grad, fn):
            return trace_wrapped(grad, fn=fn)

        state = Counter()
        x = _leaf()
        x.register_hook(functools.partial(invoke_with, fn=functools.partial(bump_then_square, obj=state)))
        actual = self._compile_backward(lambda a, b: a + b, "inductor", x, _leaf(), torch.tensor([2.0, 2.0]))
        self.assertEqual(state.counter, 1)
        # The counter is a SymInt input named after its source, returned as `add`
        # (PyTorch: shared/reference/expected/compiled_autograd_side_effect_inductor.txt).
        self.assertIn('L_hooks_1_keywords_fn_keywords_obj_counter: "Sym(s45)"', actual)
        self.assertIn('add: "Sym(s45 + 1)" = l_hooks_1_keywords_fn_keywords_obj_counter + 1', actual)
        self.assertIn("return (getitem_11, getitem_12, add)", actual)

    def test_compiled_autograd_print_in_hook_is_unsupported(self):
        def noisy(t):
            print("Boo!")
            return _square(t)

        def noisy_invoke(grad):
            return trace_wrapped(grad, fn=noisy)

        def fn(x, y):
            x.register_hook(noisy_invoke)
            return x + y

        with self.assertRaisesRegex(torch._dynamo.exc.Unsupported, "print"):
            self._compile_backward(fn, "eager", _leaf(), _leaf(), torch.tensor([2.0, 2.0]))

    def test_broadcast_error_is_reported(self):
        with self.assertRaisesRegex(RuntimeError, r"size of tensor a \(2\) must match"):
            torch.tensor([1.0, 2.0]) + torch.tensor([1.0, 2.0, 3.0])


class AssertEqualSemantics(TorchTestCase):
    def test_float32_tolerance(self):
        # atol 1e-5 + rtol 1.3e-6 * 1.0: a 5e-6 difference is close, 1e-4 is not
        self.assertEqual(torch.tensor([1.0]), torch.tensor([1.000005]))
        with self.assertRaisesRegex(AssertionError, "Tensor-likes are not close"):
            self.assertEqual(torch.tensor([1.0]), torch.tensor([1.0001]))

    def test_shape_and_dtype_must_match(self):
        with self.assertRaisesRegex(AssertionError, "'shape' do not match"):
            self.assertEqual(torch.tensor([1.0]), torch.tensor([1.0, 1.0]))
        with self.assertRaisesRegex(AssertionError, "'dtype' do not match"):
            self.assertEqual(torch.tensor([1, 2]), torch.tensor([1.0, 2.0]))

    def test_numbers_sequences_and_none(self):
        self.assertEqual(3, 3)
        self.assertEqual([1, (2.0, None)], [1, (2.0, None)])
        self.assertEqual(None, None)
        self.assertNotEqual(1, 2)
        with self.assertRaisesRegex(AssertionError, "item \\[1\\]"):
            self.assertEqual([1, 2], [1, 3])
        with self.assertRaises(AssertionError) as caught:
            self.assertEqual(1, 2, msg="custom message")
        self.assertEqual(str(caught.exception), "custom message")

    def test_identity_and_membership(self):
        marker = object()
        self.assertIs(marker, marker)
        self.assertIsNot(marker, object())
        self.assertIsNone(None)
        self.assertIsNotNone(marker)
        self.assertIn(2, [1, 2])
        self.assertTrue(1)
        self.assertFalse(0)

    def test_assert_raises_as_call(self):
        self.assertRaises(ZeroDivisionError, lambda: 1 // 0)

    @unittest.skip("shows that skip reports SKIP")
    def test_skipped(self):
        raise RuntimeError("a skipped test must not run")

    @unittest.expectedFailure
    def test_expected_failure(self):
        self.assertEqual(torch.tensor([1.0]), torch.tensor([2.0]))


class PlainUnittestAssertions(unittest.TestCase):
    def test_comparisons_and_regexes(self):
        self.assertNotIsInstance(1, str)
        self.assertGreaterEqual(2, 2)
        self.assertLessEqual(1, 2)
        self.assertRegex("hello world", "wor")
        self.assertNotRegex("hello", "xyz")
        with self.assertRaisesRegex(AssertionError, "not greater than or equal"):
            self.assertGreaterEqual(1, 2)
        with self.assertRaisesRegex(ValueError, "^bad value$"):
            raise ValueError("bad value")
        with self.assertRaisesRegex(AssertionError, "ValueError not raised"):
            with self.assertRaises(ValueError):
                pass


class FixtureOrder(unittest.TestCase):
    events = []

    @classmethod
    def setUpClass(cls):
        cls.events.append("setUpClass")

    def setUp(self):
        self.events.append("setUp")

    def tearDown(self):
        self.events.append("tearDown")

    def test_a_first(self):
        self.assertEqual(self.events, ["setUpClass", "setUp"])

    def test_b_second(self):
        # definition order: test_a_first ran, with its own setUp/tearDown
        self.assertEqual(self.events, ["setUpClass", "setUp", "tearDown", "setUp"])


if __name__ == "__main__":
    from torch._dynamo.test_case import run_tests

    run_tests()
