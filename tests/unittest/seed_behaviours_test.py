"""bwhop's own unittest-style checks of the seed behaviours, run with `bwhop test`.

Expected values: the graph text is PyTorch's (shared/reference/expected/
make_fx_multiply_invoke.txt); the gradients follow from the chain rule by hand.
"""
import itertools
import unittest
from unittest import mock

import torch
import torch._dynamo
import torch._dynamo.test_case
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
