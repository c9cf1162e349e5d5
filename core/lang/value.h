// Value: the interpreter's handle to a Python value. None, bools, ints and
// floats live unboxed in the handle; everything else is a ref-counted Object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

namespace bwhop::lang {

struct Type;

// Base of every heap value. Reference counts are intrusive and non-atomic:
// the interpreter is single-threaded.
struct Object {
  uint32_t refs = 0;
  int32_t track_slot = -1; // index in the teardown list, or -1
  Type* type;
  explicit Object(Type* t) : type(t) {}
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;
  virtual ~Object() = default;
  // Drops the references this object holds (used to break cycles at teardown).
  virtual void clear_refs() {}
};

inline void incref(Object* o) {
  ++o->refs;
}
inline void decref(Object* o) {
  if (--o->refs == 0) delete o;
}

// Owning pointer to an Object subclass.
template <class T> class Ref {
public:
  Ref() = default;
  Ref(T* p) : p_(p) { // NOLINT: implicit by design, adopts a new reference
    if (p_) incref(p_);
  }
  Ref(const Ref& r) : p_(r.p_) {
    if (p_) incref(p_);
  }
  Ref(Ref&& r) noexcept : p_(r.p_) { r.p_ = nullptr; }
  template <class U> Ref(const Ref<U>& r) : Ref(static_cast<T*>(r.get())) {}
  ~Ref() {
    if (p_) decref(p_);
  }
  Ref& operator=(Ref r) noexcept {
    std::swap(p_, r.p_);
    return *this;
  }
  T* get() const { return p_; }
  T* operator->() const { return p_; }
  T& operator*() const { return *p_; }
  explicit operator bool() const { return p_ != nullptr; }

private:
  T* p_ = nullptr;
};

class Value {
public:
  enum class Kind : uint8_t { Null, None, Bool, Int, Float, Obj };

  Value() : kind_(Kind::Null), i_(0) {}
  Value(const Value& v) : kind_(v.kind_), i_(v.i_) {
    if (kind_ == Kind::Obj) incref(o_);
  }
  Value(Value&& v) noexcept : kind_(v.kind_), i_(v.i_) { v.kind_ = Kind::Null; }
  Value(Object* o) : kind_(o ? Kind::Obj : Kind::Null), o_(o) { // NOLINT
    if (o) incref(o);
  }
  template <class T> Value(const Ref<T>& r) : Value(static_cast<Object*>(r.get())) {}
  ~Value() {
    if (kind_ == Kind::Obj) decref(o_);
  }
  Value& operator=(const Value& v) {
    if (v.kind_ == Kind::Obj) incref(v.o_);
    release();
    kind_ = v.kind_;
    i_ = v.i_;
    return *this;
  }
  Value& operator=(Value&& v) noexcept {
    if (this != &v) {
      release();
      kind_ = v.kind_;
      i_ = v.i_;
      v.kind_ = Kind::Null;
    }
    return *this;
  }

  static Value none() { return Value(Kind::None, 0); }
  static Value boolean(bool b) { return Value(Kind::Bool, b ? 1 : 0); }
  static Value integer(int64_t i) { return Value(Kind::Int, i); }
  static Value floating(double d) {
    Value v;
    v.kind_ = Kind::Float;
    v.f_ = d;
    return v;
  }

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool is_none() const { return kind_ == Kind::None; }
  bool is_bool() const { return kind_ == Kind::Bool; }
  bool is_int() const { return kind_ == Kind::Int; }
  // True for int and bool (bool is a subclass of int).
  bool is_intlike() const { return kind_ == Kind::Int || kind_ == Kind::Bool; }
  bool is_float() const { return kind_ == Kind::Float; }
  bool is_obj() const { return kind_ == Kind::Obj; }
  bool as_bool() const { return i_ != 0; }
  int64_t as_int() const { return i_; }
  double as_float() const { return f_; }
  Object* obj() const { return o_; }
  // Identity: same object, or same unboxed kind and bits.
  bool is(const Value& v) const { return kind_ == v.kind_ && i_ == v.i_; }

private:
  Value(Kind k, int64_t i) : kind_(k), i_(i) {}
  void release() {
    if (kind_ == Kind::Obj) decref(o_);
  }
  Kind kind_;
  union {
    int64_t i_;
    double f_;
    Object* o_;
  };
};

} // namespace bwhop::lang
